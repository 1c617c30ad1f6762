// SPDX-License-Identifier: GPL-2.0
/*
 * kcrumbs: the "kcrumbs" generic netlink family.
 *
 * Plain genl_ops with a policy per operation, so the same code registers on
 * 6.1 (no split ops) and on newer kernels. Every operation that changes
 * state carries GENL_ADMIN_PERM; the read-only ones do not.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/utsname.h>
#include <linux/timekeeping.h>
#include <net/genetlink.h>

#include "kcrumbs.h"
#include "uapi/kcrumbs.h"

static struct genl_family kcrumbs_family;

static const struct nla_policy kcrumbs_status_policy[KCRUMBS_ATTR_MAX + 1] = {
};

static int kcrumbs_put_status(struct sk_buff *msg)
{
	if (nla_put_string(msg, KCRUMBS_ATTR_VERSION, KCRUMBS_VERSION) ||
	    nla_put_u32(msg, KCRUMBS_ATTR_ABI_VERSION, KCRUMBS_ABI_VERSION) ||
	    nla_put_string(msg, KCRUMBS_ATTR_KERNEL_RELEASE,
			   utsname()->release) ||
	    nla_put_u64_64bit(msg, KCRUMBS_ATTR_LOADED_NS, kcrumbs_loaded_ns(),
			      KCRUMBS_ATTR_PAD) ||
	    nla_put_u64_64bit(msg, KCRUMBS_ATTR_NOW_NS, ktime_get_boottime_ns(),
			      KCRUMBS_ATTR_PAD))
		return -EMSGSIZE;
	return 0;
}

static int kcrumbs_nl_get_status(struct sk_buff *skb, struct genl_info *info)
{
	struct sk_buff *msg;
	void *hdr;
	int err;

	msg = genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	hdr = genlmsg_put_reply(msg, info, &kcrumbs_family, 0,
				KCRUMBS_CMD_GET_STATUS);
	if (!hdr) {
		err = -EMSGSIZE;
		goto out_free;
	}

	err = kcrumbs_put_status(msg);
	if (err) {
		GENL_SET_ERR_MSG(info, "status reply does not fit in a message");
		goto out_free;
	}

	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

out_free:
	nlmsg_free(msg);
	return err;
}

static const struct genl_ops kcrumbs_ops[] = {
	{
		.cmd = KCRUMBS_CMD_GET_STATUS,
		.doit = kcrumbs_nl_get_status,
		.policy = kcrumbs_status_policy,
		.maxattr = KCRUMBS_ATTR_MAX,
		/* read-only: no GENL_ADMIN_PERM */
	},
};

static struct genl_family kcrumbs_family __ro_after_init = {
	.name = KCRUMBS_GENL_NAME,
	.version = KCRUMBS_GENL_VERSION,
	.maxattr = KCRUMBS_ATTR_MAX,
	.netnsok = false,
	.module = THIS_MODULE,
	.ops = kcrumbs_ops,
	.n_ops = ARRAY_SIZE(kcrumbs_ops),
};

/**
 * kcrumbs_netlink_init() - register the kcrumbs generic netlink family
 *
 * Return: 0 or a negative errno from genl_register_family().
 */
int kcrumbs_netlink_init(void)
{
	return genl_register_family(&kcrumbs_family);
}

/**
 * kcrumbs_netlink_exit() - unregister the kcrumbs generic netlink family
 */
void kcrumbs_netlink_exit(void)
{
	genl_unregister_family(&kcrumbs_family);
}
