// SPDX-License-Identifier: GPL-2.0
/*
 * kcrumbs: the "kcrumbs_trigger" generic netlink family, the only way to
 * the crash types.
 *
 * Plain genl_ops with a policy per operation, as the recorder's family
 * has, so the same code registers on 6.1 and on newer kernels. ARM and
 * TRIGGER crash the machine: genetlink checks CAP_NET_ADMIN
 * (GENL_ADMIN_PERM), and they check CAP_SYS_BOOT in the initial user
 * namespace themselves, as reboot(2) does, so a container given
 * CAP_NET_ADMIN on the host's network cannot panic the host. The arm
 * window belongs to the socket that opened it: only that socket's
 * TRIGGER is accepted.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/netlink.h>
#include <net/genetlink.h>

#include "trigger.h"
#include "uapi/kcrumbs.h"

static struct genl_family kcrumbs_trigger_family;

/* Operations that take no attributes: strict validation rejects any. */
static const struct nla_policy empty_policy[KCRUMBS_ATTR_MAX + 1] = {
};

static const struct nla_policy arm_policy[KCRUMBS_ATTR_MAX + 1] = {
	[KCRUMBS_ATTR_ARM_SECONDS] = NLA_POLICY_MAX(NLA_U32,
						    KCRUMBS_ARM_MAX_SECONDS),
};

static const struct nla_policy trigger_policy[KCRUMBS_ATTR_MAX + 1] = {
	[KCRUMBS_ATTR_TRIGGER_NAME] = { .type = NLA_NUL_STRING,
					.len = KCRUMBS_TRIGGER_NAME_MAX - 1 },
};

/*
 * NL_SET_ERR_MSG() takes only literals; ours may be the list of names.
 * @msg must outlive the handler: the ACK is built after it returns.
 */
static void set_err(struct genl_info *info, const struct nlattr *attr,
		    const char *msg)
{
	if (info->extack) {
		info->extack->_msg = msg;
		info->extack->bad_attr = attr;
	}
}

/* Crashing the machine is rebooting it: CAP_SYS_BOOT, initial user ns. */
static int may_crash(struct sk_buff *skb, struct genl_info *info)
{
	if (netlink_capable(skb, CAP_SYS_BOOT))
		return 0;
	NL_SET_ERR_MSG(info->extack,
		       "crashing the machine needs CAP_SYS_BOOT in the initial user namespace");
	return -EPERM;
}

static int put_status(struct sk_buff *msg)
{
	return nla_put_u32(msg, KCRUMBS_ATTR_ARMED_MS, kcrumbs_armed_ms());
}

static int put_crashtype(struct sk_buff *msg, const char *cat,
			 const struct kcrumbs_crashtype *ct)
{
	struct nlattr *nest;

	nest = nla_nest_start(msg, KCRUMBS_ATTR_TRIGGER);
	if (!nest ||
	    nla_put_string(msg, KCRUMBS_TRIGGER_ATTR_NAME, ct->name) ||
	    nla_put_string(msg, KCRUMBS_TRIGGER_ATTR_CATEGORY, cat) ||
	    nla_put_string(msg, KCRUMBS_TRIGGER_ATTR_DESC, ct->desc) ||
	    nla_put_u32(msg, KCRUMBS_TRIGGER_ATTR_EFFECT, ct->effect) ||
	    nla_put_u32(msg, KCRUMBS_TRIGGER_ATTR_MIN_CPUS, ct->min_cpus))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

static int put_crashtypes(struct sk_buff *msg)
{
	const struct kcrumbs_crashtype *ct;
	const char *cat;
	size_t pos = 0;
	int err;

	while ((ct = kcrumbs_crashtype_next(&pos, &cat))) {
		err = put_crashtype(msg, cat, ct);
		if (err)
			return err;
	}
	return 0;
}

/* Build and send a reply whose attributes @put adds. */
static int send_reply(struct genl_info *info, u8 cmd,
		      int (*put)(struct sk_buff *msg))
{
	struct sk_buff *msg;
	void *hdr;
	int err;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;

	hdr = genlmsg_put_reply(msg, info, &kcrumbs_trigger_family, 0, cmd);
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

static int nl_get_status(struct sk_buff *skb, struct genl_info *info)
{
	return send_reply(info, KCRUMBS_CMD_GET_STATUS, put_status);
}

static int nl_list_triggers(struct sk_buff *skb, struct genl_info *info)
{
	return send_reply(info, KCRUMBS_CMD_LIST_TRIGGERS, put_crashtypes);
}

static int nl_arm(struct sk_buff *skb, struct genl_info *info)
{
	int err = may_crash(skb, info);

	if (err)
		return err;
	if (GENL_REQ_ATTR_CHECK(info, KCRUMBS_ATTR_ARM_SECONDS))
		return -EINVAL;
	kcrumbs_arm(nla_get_u32(info->attrs[KCRUMBS_ATTR_ARM_SECONDS]),
		    NETLINK_CB(skb).portid);
	return 0;
}

static int nl_trigger(struct sk_buff *skb, struct genl_info *info)
{
	const struct kcrumbs_crashtype *ct;
	const char *why = NULL;
	struct nlattr *name;
	int err;

	err = may_crash(skb, info);
	if (err)
		return err;
	if (GENL_REQ_ATTR_CHECK(info, KCRUMBS_ATTR_TRIGGER_NAME))
		return -EINVAL;
	name = info->attrs[KCRUMBS_ATTR_TRIGGER_NAME];
	ct = kcrumbs_find_crashtype(nla_data(name));
	if (!ct) {
		set_err(info, name, kcrumbs_unknown_type_msg());
		return -EINVAL;
	}
	err = kcrumbs_trigger(ct, NETLINK_CB(skb).portid, &why);
	if (err)
		set_err(info, NULL, why);
	return err;
}

static const struct genl_ops kcrumbs_trigger_ops[] = {
	{
		.cmd = KCRUMBS_CMD_GET_STATUS,
		.doit = nl_get_status,
		.policy = empty_policy,
		.maxattr = KCRUMBS_ATTR_MAX,
		/* read-only: no GENL_ADMIN_PERM */
	},
	{
		.cmd = KCRUMBS_CMD_ARM,
		.doit = nl_arm,
		.policy = arm_policy,
		.maxattr = KCRUMBS_ATTR_MAX,
		/* and CAP_SYS_BOOT, checked by the handler */
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = KCRUMBS_CMD_TRIGGER,
		.doit = nl_trigger,
		.policy = trigger_policy,
		.maxattr = KCRUMBS_ATTR_MAX,
		/* and CAP_SYS_BOOT, checked by the handler */
		.flags = GENL_ADMIN_PERM,
	},
	{
		.cmd = KCRUMBS_CMD_LIST_TRIGGERS,
		.doit = nl_list_triggers,
		.policy = empty_policy,
		.maxattr = KCRUMBS_ATTR_MAX,
		/* read-only: no GENL_ADMIN_PERM */
	},
};

static struct genl_family kcrumbs_trigger_family __ro_after_init = {
	.name = KCRUMBS_TRIGGER_GENL_NAME,
	.version = KCRUMBS_TRIGGER_GENL_VERSION,
	.maxattr = KCRUMBS_ATTR_MAX,
	.netnsok = false,
	.module = THIS_MODULE,
	.ops = kcrumbs_trigger_ops,
	.n_ops = ARRAY_SIZE(kcrumbs_trigger_ops),
};

/**
 * kcrumbs_trigger_netlink_init() - register the "kcrumbs_trigger" family
 *
 * Return: 0 or a negative errno from genl_register_family().
 */
int kcrumbs_trigger_netlink_init(void)
{
	return genl_register_family(&kcrumbs_trigger_family);
}

/**
 * kcrumbs_trigger_netlink_exit() - unregister the "kcrumbs_trigger" family
 */
void kcrumbs_trigger_netlink_exit(void)
{
	genl_unregister_family(&kcrumbs_trigger_family);
}
