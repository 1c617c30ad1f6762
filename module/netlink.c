// SPDX-License-Identifier: GPL-2.0
/*
 * kcrumbs: the "kcrumbs" generic netlink family.
 *
 * Plain genl_ops with a policy per operation, so the same code registers on
 * 6.1 (no split ops) and on newer kernels. Every operation that changes
 * state carries GENL_ADMIN_PERM; the read-only ones do not.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ctype.h>
#include <linux/slab.h>
#include <linux/utsname.h>
#include <linux/timekeeping.h>
#include <net/genetlink.h>

#include "hooks.h"
#include "kcrumbs.h"
#include "marks.h"
#include "recorder.h"
#include "region.h"
#include "uapi/kcrumbs.h"

static struct genl_family kcrumbs_family;

/* Operations that take no attributes: strict validation rejects any. */
static const struct nla_policy kcrumbs_empty_policy[KCRUMBS_ATTR_MAX + 1] = {
};

static const struct nla_policy kcrumbs_mark_nest_policy[KCRUMBS_MARK_ATTR_MAX + 1] = {
	/* longer texts pass here, to be refused with a clear extended ACK */
	[KCRUMBS_MARK_ATTR_TEXT] = { .type = NLA_BINARY, .len = 4096 },
	[KCRUMBS_MARK_ATTR_TAG] = { .type = NLA_NUL_STRING,
				    .len = KCRUMBS_MARK_TAG_LEN - 1 },
};

static const struct nla_policy kcrumbs_mark_policy[KCRUMBS_ATTR_MAX + 1] = {
	[KCRUMBS_ATTR_MARK] = NLA_POLICY_NESTED(kcrumbs_mark_nest_policy),
};

/*
 * Zero every run of 8 or more hex digits (with its "0x"): what an oops
 * message holds of kernel addresses, for a caller not allowed to see them.
 */
static void kcrumbs_hide_addresses(char *s)
{
	char *run;

	while (*s) {
		if (!isxdigit(*s)) {
			s++;
			continue;
		}
		for (run = s; isxdigit(*s); s++)
			;
		if (s - run >= 8)
			memset(run, '0', s - run);
	}
}

/* One of the last records, for a status reply. */
static int kcrumbs_put_event(struct sk_buff *msg,
			     const struct kcrumbs_record *rec, bool syslog)
{
	char text[KCRUMBS_STR_MAX];
	struct nlattr *nest;
	size_t n = 0;

	if (le16_to_cpu(rec->kind) == KCRUMBS_REC_EVENT)
		n = min_t(size_t, le16_to_cpu(rec->msg_len), sizeof(text) - 1);
	memcpy(text, rec + 1, n);
	text[n] = '\0';
	if (!syslog)
		kcrumbs_hide_addresses(text);
	nest = nla_nest_start(msg, KCRUMBS_ATTR_EVENT);
	if (!nest ||
	    nla_put_u64_64bit(msg, KCRUMBS_EVENT_ATTR_SEQ, le64_to_cpu(rec->seq),
			      KCRUMBS_EVENT_ATTR_PAD) ||
	    nla_put_u32(msg, KCRUMBS_EVENT_ATTR_KIND, le16_to_cpu(rec->kind)) ||
	    nla_put_u32(msg, KCRUMBS_EVENT_ATTR_CAUSE, le16_to_cpu(rec->cause)) ||
	    nla_put_u32(msg, KCRUMBS_EVENT_ATTR_HOOK, le32_to_cpu(rec->hook)) ||
	    nla_put_u32(msg, KCRUMBS_EVENT_ATTR_CPU, le32_to_cpu(rec->cpu)) ||
	    nla_put_u32(msg, KCRUMBS_EVENT_ATTR_PID, le32_to_cpu(rec->pid)) ||
	    nla_put(msg, KCRUMBS_EVENT_ATTR_COMM,
		    strnlen(rec->comm, sizeof(rec->comm)), rec->comm) ||
	    nla_put_u64_64bit(msg, KCRUMBS_EVENT_ATTR_BOOT_NS,
			      le64_to_cpu(rec->boot_ns), KCRUMBS_EVENT_ATTR_PAD) ||
	    nla_put_string(msg, KCRUMBS_EVENT_ATTR_MSG, text))
		return -EMSGSIZE;
	nla_nest_end(msg, nest);
	return 0;
}

/* The newest records, each copied out and checked (CRC too) first. */
static int kcrumbs_put_events(struct sk_buff *msg, u64 records, u32 nr_slots,
			      bool syslog)
{
	const struct kcrumbs_record *rec;
	unsigned int n = 0, looked = 0;
	u64 seq = records;
	void *buf;
	int err = 0;

	buf = kmalloc(kcrumbs_region_slot_size(), GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	while (seq-- > 0 && n < KCRUMBS_STATUS_EVENTS && looked++ < 2 * nr_slots + 1) {
		rec = kcrumbs_region_record(seq, buf);
		if (!rec)
			continue;
		err = kcrumbs_put_event(msg, rec, syslog);
		if (err)
			break;
		n++;
	}
	kfree(buf);
	return err;
}

static int kcrumbs_put_counters(struct sk_buff *msg,
				const struct kcrumbs_region_info *r)
{
	u64 nested, recovered;

	kcrumbs_recorder_stats(&nested, &recovered);
	if (nla_put_u32(msg, KCRUMBS_ATTR_HOOKS_WANTED, kcrumbs_hooks_wanted()) ||
	    nla_put_u64_64bit(msg, KCRUMBS_ATTR_PROBE_MISSED,
			      kcrumbs_hooks_probe_missed(), KCRUMBS_ATTR_PAD) ||
	    nla_put_u64_64bit(msg, KCRUMBS_ATTR_NMI_SEEN, kcrumbs_hooks_nmi_seen(),
			      KCRUMBS_ATTR_PAD) ||
	    nla_put_u64_64bit(msg, KCRUMBS_ATTR_DROPPED, r->dropped,
			      KCRUMBS_ATTR_PAD) ||
	    nla_put_u64_64bit(msg, KCRUMBS_ATTR_NESTED, nested, KCRUMBS_ATTR_PAD) ||
	    nla_put_u64_64bit(msg, KCRUMBS_ATTR_RECOVERED, recovered,
			      KCRUMBS_ATTR_PAD) ||
	    nla_put_u32(msg, KCRUMBS_ATTR_PREVIOUS, r->has_previous))
		return -EMSGSIZE;
	return 0;
}

static int kcrumbs_put_region(struct sk_buff *msg, bool admin, bool syslog)
{
	struct kcrumbs_region_info r;

	kcrumbs_region_info(&r);
	if (nla_put_string(msg, KCRUMBS_ATTR_REGION_MODE,
			   r.reserved ? "reserved" : "dynamic") ||
	    nla_put_u64_64bit(msg, KCRUMBS_ATTR_REGION_SIZE, r.size,
			      KCRUMBS_ATTR_PAD) ||
	    nla_put_u32(msg, KCRUMBS_ATTR_NR_SLOTS, r.nr_slots) ||
	    nla_put_u32(msg, KCRUMBS_ATTR_SLOT_SIZE, r.slot_size) ||
	    nla_put_u64_64bit(msg, KCRUMBS_ATTR_RECORDS, r.records,
			      KCRUMBS_ATTR_PAD) ||
	    nla_put_u32(msg, KCRUMBS_ATTR_NR_MARKS, r.nr_marks) ||
	    nla_put_u64_64bit(msg, KCRUMBS_ATTR_MARKS, r.marks,
			      KCRUMBS_ATTR_PAD) ||
	    nla_put_u32(msg, KCRUMBS_ATTR_HOOKS, kcrumbs_hooks_armed()))
		return -EMSGSIZE;
	/* a physical address is for the administrator only */
	if (admin &&
	    nla_put_u64_64bit(msg, KCRUMBS_ATTR_REGION_PHYS, r.phys,
			      KCRUMBS_ATTR_PAD))
		return -EMSGSIZE;
	if (kcrumbs_put_counters(msg, &r))
		return -EMSGSIZE;
	return kcrumbs_put_events(msg, r.records, r.nr_slots, syslog);
}

static int kcrumbs_put_status(struct sk_buff *msg, bool admin, bool syslog)
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
	return kcrumbs_put_region(msg, admin, syslog);
}

/* Build and send a reply whose attributes @put adds. */
static int kcrumbs_reply(struct sk_buff *skb, struct genl_info *info, u8 cmd,
			 size_t size,
			 int (*put)(struct sk_buff *msg, bool admin, bool syslog))
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

	/*
	 * what only an administrator may see goes in only for one; kernel
	 * addresses only for who may read them in the kernel log
	 */
	err = put(msg, netlink_capable(skb, CAP_NET_ADMIN),
		  netlink_capable(skb, CAP_SYSLOG));
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
	return kcrumbs_reply(skb, info, KCRUMBS_CMD_GET_STATUS, NLMSG_GOODSIZE,
			     kcrumbs_put_status);
}

/* One mark of a MARK message: its text, and its tag or NULL. */
struct kcrumbs_mark_req {
	const struct nlattr *text;
	const struct nlattr *tag;
};

/*
 * Check every mark of the message, keeping where each is, before storing
 * any: all or nothing. Genetlink has validated each against the policy.
 */
static int kcrumbs_marks_check(struct genl_info *info,
			       struct kcrumbs_mark_req *req, unsigned int *count)
{
	const struct nlattr *attr, *a;
	int rem, rem2;

	*count = 0;
	nlmsg_for_each_attr(attr, info->nlhdr, GENL_HDRLEN, rem) {
		struct kcrumbs_mark_req *r = &req[*count];

		if (nla_type(attr) != KCRUMBS_ATTR_MARK)
			continue;
		if (*count == KCRUMBS_MARK_BATCH_MAX) {
			NL_SET_ERR_MSG_ATTR(info->extack, attr,
					    "more than " __stringify(KCRUMBS_MARK_BATCH_MAX)
					    " marks in one message");
			return -E2BIG;
		}
		r->text = NULL;
		r->tag = NULL;
		nla_for_each_nested(a, attr, rem2) {
			if (nla_type(a) == KCRUMBS_MARK_ATTR_TEXT)
				r->text = a;
			else if (nla_type(a) == KCRUMBS_MARK_ATTR_TAG)
				r->tag = a;
		}
		if (!r->text) {
			NL_SET_ERR_MSG_ATTR(info->extack, attr, "a mark without text");
			return -EINVAL;
		}
		if (nla_len(r->text) > KCRUMBS_MARK_TEXT_MAX) {
			NL_SET_ERR_MSG_ATTR(info->extack, r->text,
					    "mark text longer than "
					    __stringify(KCRUMBS_MARK_TEXT_MAX)
					    " bytes: nothing stored");
			return -EMSGSIZE;
		}
		(*count)++;
	}
	if (!*count) {
		NL_SET_ERR_MSG(info->extack, "no mark in the message");
		return -EINVAL;
	}
	return 0;
}

static int kcrumbs_nl_mark(struct sk_buff *skb, struct genl_info *info)
{
	struct kcrumbs_mark_req req[KCRUMBS_MARK_BATCH_MAX];
	struct kcrumbs_mark_time now;
	unsigned int i, count;
	int err;
	s64 seq;

	err = kcrumbs_marks_check(info, req, &count);
	if (err)
		return err;
	/* the marks of one message arrived together: one time for all */
	kcrumbs_mark_now(&now);
	for (i = 0; i < count; i++) {
		seq = kcrumbs_mark_write(req[i].tag ? nla_data(req[i].tag) : NULL,
					 nla_data(req[i].text), nla_len(req[i].text),
					 0, &now);
		if (seq < 0) {
			NL_SET_ERR_MSG(info->extack, "no region to store marks in");
			return seq;
		}
	}
	return 0;
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
		.cmd = KCRUMBS_CMD_MARK,
		.doit = kcrumbs_nl_mark,
		.policy = kcrumbs_mark_policy,
		.maxattr = KCRUMBS_ATTR_MAX,
		/* writes the region: CAP_NET_ADMIN, checked by genetlink */
		.flags = GENL_ADMIN_PERM,
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
