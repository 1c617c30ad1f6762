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
#include "trigger.h"
#include "uapi/kcrumbs.h"

static struct genl_family kcrumbs_family;

/* Operations that take no attributes: strict validation rejects any. */
static const struct nla_policy kcrumbs_empty_policy[KCRUMBS_ATTR_MAX + 1] = {
};

static const struct nla_policy kcrumbs_arm_policy[KCRUMBS_ATTR_MAX + 1] = {
	[KCRUMBS_ATTR_ARM_SECONDS] = NLA_POLICY_MAX(NLA_U32,
						    KCRUMBS_ARM_MAX_SECONDS),
};

static const struct nla_policy kcrumbs_trigger_policy[KCRUMBS_ATTR_MAX + 1] = {
	[KCRUMBS_ATTR_TRIGGER_NAME] = { .type = NLA_NUL_STRING,
					.len = KCRUMBS_TRIGGER_NAME_MAX - 1 },
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
			      KCRUMBS_ATTR_PAD) ||
	    nla_put_u32(msg, KCRUMBS_ATTR_ARMED_MS, kcrumbs_armed_ms()))
		return -EMSGSIZE;
	return 0;
}

static int kcrumbs_put_crashtype(struct sk_buff *msg, const char *cat,
				 const struct kcrumbs_crashtype *ct)
{
	struct nlattr *nest;

	nest = nla_nest_start(msg, KCRUMBS_ATTR_TRIGGER);
	if (!nest ||
	    nla_put_string(msg, KCRUMBS_TRIGGER_ATTR_NAME, ct->name) ||
	    nla_put_string(msg, KCRUMBS_TRIGGER_ATTR_CATEGORY, cat) ||
	    nla_put_string(msg, KCRUMBS_TRIGGER_ATTR_DESC, ct->desc) ||
	    nla_put_u32(msg, KCRUMBS_TRIGGER_ATTR_EFFECT, ct->effect))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

static int kcrumbs_put_crashtypes(struct sk_buff *msg)
{
	const struct kcrumbs_crashtype *ct;
	const char *cat;
	size_t pos = 0;
	int err;

	while ((ct = kcrumbs_crashtype_next(&pos, &cat))) {
		err = kcrumbs_put_crashtype(msg, cat, ct);
		if (err)
			return err;
	}
	return 0;
}

/* Build and send a reply whose attributes @put adds. */
static int kcrumbs_reply(struct genl_info *info, u8 cmd, size_t size,
			 int (*put)(struct sk_buff *msg))
{
	struct sk_buff *msg;
	void *hdr;
	int err;

	msg = genlmsg_new(size, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	hdr = genlmsg_put_reply(msg, info, &kcrumbs_family, 0, cmd);
	if (!hdr) {
		err = -EMSGSIZE;
		goto out_free;
	}

	err = put(msg);
	if (err) {
		GENL_SET_ERR_MSG(info, "reply does not fit in a message");
		goto out_free;
	}

	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);

out_free:
	nlmsg_free(msg);
	return err;
}

static int kcrumbs_nl_get_status(struct sk_buff *skb, struct genl_info *info)
{
	return kcrumbs_reply(info, KCRUMBS_CMD_GET_STATUS, NLMSG_DEFAULT_SIZE,
			     kcrumbs_put_status);
}

static int kcrumbs_nl_list_triggers(struct sk_buff *skb,
				    struct genl_info *info)
{
	return kcrumbs_reply(info, KCRUMBS_CMD_LIST_TRIGGERS, NLMSG_GOODSIZE,
			     kcrumbs_put_crashtypes);
}

static int kcrumbs_nl_arm(struct sk_buff *skb, struct genl_info *info)
{
	if (GENL_REQ_ATTR_CHECK(info, KCRUMBS_ATTR_ARM_SECONDS))
		return -EINVAL;
	kcrumbs_arm(nla_get_u32(info->attrs[KCRUMBS_ATTR_ARM_SECONDS]));
	return 0;
}

/*
 * NL_SET_ERR_MSG() takes only literals; ours may be the list of names.
 * @msg must outlive the handler: the ACK is built after it returns.
 */
static void kcrumbs_set_err(struct genl_info *info, const struct nlattr *attr,
			    const char *msg)
{
	if (info->extack) {
		info->extack->_msg = msg;
		info->extack->bad_attr = attr;
	}
}

static int kcrumbs_nl_trigger(struct sk_buff *skb, struct genl_info *info)
{
	const struct kcrumbs_crashtype *ct;
	const char *why = NULL;
	struct nlattr *name;
	int err;

	if (GENL_REQ_ATTR_CHECK(info, KCRUMBS_ATTR_TRIGGER_NAME))
		return -EINVAL;
	name = info->attrs[KCRUMBS_ATTR_TRIGGER_NAME];
	ct = kcrumbs_find_crashtype(nla_data(name));
	if (!ct) {
		kcrumbs_set_err(info, name, kcrumbs_unknown_type_msg());
		return -EINVAL;
	}
	err = kcrumbs_trigger(ct, &why);
	if (err)
		kcrumbs_set_err(info, NULL, why);
	return err;
}

static const struct genl_ops kcrumbs_ops[] = {
	{
		.cmd = KCRUMBS_CMD_GET_STATUS,
		.doit = kcrumbs_nl_get_status,
		.policy = kcrumbs_empty_policy,
		.maxattr = KCRUMBS_ATTR_MAX,
		/* read-only: no GENL_ADMIN_PERM */
	},
	{
		.cmd = KCRUMBS_CMD_ARM,
		.doit = kcrumbs_nl_arm,
		.policy = kcrumbs_arm_policy,
		.maxattr = KCRUMBS_ATTR_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = KCRUMBS_CMD_TRIGGER,
		.doit = kcrumbs_nl_trigger,
		.policy = kcrumbs_trigger_policy,
		.maxattr = KCRUMBS_ATTR_MAX,
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = KCRUMBS_CMD_LIST_TRIGGERS,
		.doit = kcrumbs_nl_list_triggers,
		.policy = kcrumbs_empty_policy,
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
