// SPDX-License-Identifier: GPL-2.0
/*
 * nlhostile: malformed generic netlink messages for the "kcrumbs" and
 * "kcrumbs_trigger" families, for the netlink-hostile VM scenario.
 *
 * Raw AF_NETLINK sockets, no library: the family ids are looked up with
 * CTRL_CMD_GETFAMILY by hand. Every case is sent on a socket of its own
 * with NLM_F_ACK and NETLINK_EXT_ACK, and prints one line
 *
 *	case NAME: errno E, extack 'TEXT' -> ok|FAIL (why)
 *
 * then a summary. A case fails when the kernel accepted it (error 0, or a
 * reply with data), when no answer came within the timeout (except for the
 * frames netlink_rcv_skb() drops without an answer by design: then the
 * same socket must still answer a valid request), when the errno is not
 * one the case expects, or when a policy violation came back without the
 * extended ACK the kernel gives for it.
 *
 * No case can crash the machine: ARM is only ever sent malformed (it never
 * opens a window), and TRIGGER only with malformed or unknown crash type
 * names. Marks are only sent in messages that must be refused: a run
 * stores no mark (the scenario checks the count).
 *
 * Exit: 0 every case as expected, 1 a case failed, 2 setup failed.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>
#include <linux/genetlink.h>
#include <linux/netlink.h>

#include "uapi/kcrumbs.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

#define BUF_SIZE	(192 * 1024)
#define TIMEOUT_S	5
/* a frame the kernel drops: how long to wait for an answer that must not come */
#define DROP_WAIT_MS	700

enum fam { F_KC, F_TRIG, F_BOGUS };

struct msg {
	uint8_t *b;
	size_t len;		/* bytes to send */
	uint16_t type;
};

struct result {
	int answered;		/* an NLMSG_ERROR for our sequence number */
	int error;		/* its error, positive */
	int data;		/* replies with data before it */
	char extack[512];
	int has_offs, has_miss;
	uint32_t offs, miss_type;
};

/*
 * One case: @build fills the message; @want are the errnos it may get
 * (0-terminated; none listed: any error); @admin: the command needs
 * CAP_NET_ADMIN and the message gets as far as genetlink's permission
 * check, so an unprivileged caller gets EPERM instead (2: EPERM or @want:
 * from 6.2 genetlink looks up the dump flavour of an operation before it
 * checks the permission, so a dump of a doit-only command is EOPNOTSUPP
 * for anyone; 6.1 checked the permission first); @extack: a policy
 * violation or a refusal the kernel explains (extended ACK message, or the
 * missing attribute); @drop: a frame netlink_rcv_skb() drops unanswered.
 */
struct hcase {
	const char *name;
	enum fam fam;
	void (*build)(struct msg *m, const struct hcase *c);
	uint8_t cmd;
	int want[3];
	int admin;
	int extack;
	int drop;
};

static uint16_t fam_id[3];
static int privileged;
static unsigned int seqno = 1000;

/* ---- message building ---- */

static struct nlmsghdr *nlh(struct msg *m)
{
	return (struct nlmsghdr *)m->b;
}

static void begin(struct msg *m, uint16_t type, uint8_t cmd, uint16_t flags)
{
	struct genlmsghdr *g;

	memset(m->b, 0, NLMSG_HDRLEN + GENL_HDRLEN);
	nlh(m)->nlmsg_type = type;
	nlh(m)->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | flags;
	nlh(m)->nlmsg_seq = ++seqno;
	g = (struct genlmsghdr *)(m->b + NLMSG_HDRLEN);
	g->cmd = cmd;
	g->version = 1;
	m->len = NLMSG_HDRLEN + GENL_HDRLEN;
	nlh(m)->nlmsg_len = m->len;
}

/* an attribute with an nla_len of our choosing (NLA_HDRLEN + @len: honest) */
static size_t put_raw(struct msg *m, uint16_t type, uint16_t nla_len,
		      const void *data, size_t len)
{
	struct nlattr *a = (struct nlattr *)(m->b + m->len);
	size_t at = m->len;

	a->nla_len = nla_len;
	a->nla_type = type;
	if (len)
		memcpy(m->b + m->len + NLA_HDRLEN, data, len);
	m->len += NLA_ALIGN(NLA_HDRLEN + len);
	memset(m->b + at + NLA_HDRLEN + len, 0, NLA_ALIGN(len) - len);
	nlh(m)->nlmsg_len = m->len;
	return at;
}

static size_t put(struct msg *m, uint16_t type, const void *data, size_t len)
{
	return put_raw(m, type, (uint16_t)(NLA_HDRLEN + len), data, len);
}

static void put_u8(struct msg *m, uint16_t type, uint8_t v)
{
	put(m, type, &v, 1);
}

static void put_u32(struct msg *m, uint16_t type, uint32_t v)
{
	put(m, type, &v, 4);
}

static void put_u64(struct msg *m, uint16_t type, uint64_t v)
{
	put(m, type, &v, 8);
}

static size_t nest_start(struct msg *m, uint16_t type)
{
	return put(m, type | NLA_F_NESTED, NULL, 0);
}

static void nest_end(struct msg *m, size_t at)
{
	((struct nlattr *)(m->b + at))->nla_len = (uint16_t)(m->len - at);
}

/* one mark: @text_len bytes of text (a pattern), with @tag unless NULL */
static void put_mark(struct msg *m, size_t text_len, const char *tag)
{
	static uint8_t text[66000];
	size_t at;

	memset(text, 'm', sizeof(text));
	at = nest_start(m, KCRUMBS_ATTR_MARK);
	put(m, KCRUMBS_MARK_ATTR_TEXT, text, text_len);
	if (tag)
		put(m, KCRUMBS_MARK_ATTR_TAG, tag, strlen(tag) + 1);
	nest_end(m, at);
}

static void hdr_only(struct msg *m, const struct hcase *c)
{
	begin(m, fam_id[c->fam], c->cmd, 0);
}

/* ---- the cases: both families ---- */

static void b_unknown_attr(struct msg *m, const struct hcase *c)
{
	hdr_only(m, c);
	put_u32(m, 200, 1);
}

static void b_unsupported_attr(struct msg *m, const struct hcase *c)
{
	/* in the family's attribute space, not in this command's policy */
	hdr_only(m, c);
	put(m, KCRUMBS_ATTR_VERSION, "1.0", 4);
}

static void b_u8_attr(struct msg *m, const struct hcase *c)
{
	hdr_only(m, c);
	put_u8(m, KCRUMBS_ATTR_ABI_VERSION, 1);
}

static void b_type0_attr(struct msg *m, const struct hcase *c)
{
	hdr_only(m, c);
	put_u32(m, 0, 0);
}

static void b_trailing(struct msg *m, const struct hcase *c)
{
	/* 3 bytes after the header: not even an attribute header */
	hdr_only(m, c);
	memset(m->b + m->len, 0xa5, 3);
	m->len += 3;
	nlh(m)->nlmsg_len = m->len;
}

static void b_attr_overrun(struct msg *m, const struct hcase *c)
{
	/* an attribute that claims 200 bytes of a 12-byte tail */
	uint32_t v[2] = { 1, 2 };

	hdr_only(m, c);
	put_raw(m, KCRUMBS_ATTR_ARM_SECONDS, 200, v, sizeof(v));
}

static void b_attr_short_len(struct msg *m, const struct hcase *c)
{
	/* nla_len 2: shorter than the attribute header itself */
	uint32_t v = 5;

	hdr_only(m, c);
	put_raw(m, KCRUMBS_ATTR_ARM_SECONDS, 2, &v, sizeof(v));
}

static void b_dump(struct msg *m, const struct hcase *c)
{
	begin(m, fam_id[c->fam], c->cmd, NLM_F_DUMP);
}

static void b_hdr_short(struct msg *m, const struct hcase *c)
{
	/* nlmsg_len covers 2 bytes of the 4-byte genetlink header */
	hdr_only(m, c);
	nlh(m)->nlmsg_len = NLMSG_HDRLEN + 2;
	m->len = NLMSG_ALIGN(nlh(m)->nlmsg_len);
}

static void b_hdr_none(struct msg *m, const struct hcase *c)
{
	/* nlmsg_len covers the netlink header only */
	hdr_only(m, c);
	nlh(m)->nlmsg_len = NLMSG_HDRLEN;
	m->len = NLMSG_HDRLEN;
}

static void b_hdr_tiny(struct msg *m, const struct hcase *c)
{
	/* nlmsg_len 8: less than a netlink header (dropped unanswered) */
	hdr_only(m, c);
	put_u32(m, 200, 1);
	nlh(m)->nlmsg_len = 8;
}

static void b_hdr_long(struct msg *m, const struct hcase *c)
{
	/* nlmsg_len 4 KiB more than was sent (dropped unanswered) */
	hdr_only(m, c);
	put_u32(m, 200, 1);
	nlh(m)->nlmsg_len = m->len + 4096;
}

static void b_big_garbage(struct msg *m, const struct hcase *c)
{
	/* near 64 KiB of unknown attributes */
	static uint8_t junk[1020];
	int i;

	memset(junk, 0x5a, sizeof(junk));
	hdr_only(m, c);
	for (i = 0; i < 63; i++)
		put(m, 300 + i, junk, sizeof(junk));
}

/* ---- kcrumbs MARK ---- */

static void b_mark_empty(struct msg *m, const struct hcase *c)
{
	hdr_only(m, c);
}

static void b_mark_no_text(struct msg *m, const struct hcase *c)
{
	size_t at;

	hdr_only(m, c);
	at = nest_start(m, KCRUMBS_ATTR_MARK);
	put(m, KCRUMBS_MARK_ATTR_TAG, "notext", 7);
	nest_end(m, at);
}

static void b_mark_nest_empty(struct msg *m, const struct hcase *c)
{
	hdr_only(m, c);
	nest_end(m, nest_start(m, KCRUMBS_ATTR_MARK));
}

static void b_mark_text_169(struct msg *m, const struct hcase *c)
{
	hdr_only(m, c);
	put_mark(m, KCRUMBS_MARK_TEXT_MAX + 1, NULL);
}

static void b_mark_text_64k(struct msg *m, const struct hcase *c)
{
	/* the most one attribute can carry inside a nest (nla_len is u16) */
	hdr_only(m, c);
	put_mark(m, 65000, NULL);
}

static void b_mark_text_u16_wrap(struct msg *m, const struct hcase *c)
{
	/* 66000 bytes of text: every nla_len on the way wraps past 65535 */
	hdr_only(m, c);
	put_mark(m, 66000, NULL);
}

static void b_mark_tag_long(struct msg *m, const struct hcase *c)
{
	hdr_only(m, c);
	put_mark(m, 10, "a-tag-of-forty-characters-is-too-long-xx");
}

static void b_mark_tag_early_nul(struct msg *m, const struct hcase *c)
{
	/* a NUL early, then 40 more bytes with none at the end */
	char tag[48];
	size_t at;

	memset(tag, 'q', sizeof(tag));
	tag[3] = '\0';
	hdr_only(m, c);
	at = nest_start(m, KCRUMBS_ATTR_MARK);
	put(m, KCRUMBS_MARK_ATTR_TEXT, "x", 1);
	put(m, KCRUMBS_MARK_ATTR_TAG, tag, sizeof(tag));
	nest_end(m, at);
}

static void b_mark_tag_no_nul(struct msg *m, const struct hcase *c)
{
	size_t at;

	hdr_only(m, c);
	at = nest_start(m, KCRUMBS_ATTR_MARK);
	put(m, KCRUMBS_MARK_ATTR_TEXT, "x", 1);
	put(m, KCRUMBS_MARK_ATTR_TAG, "abc", 3);
	nest_end(m, at);
}

static void b_mark_tag_u32(struct msg *m, const struct hcase *c)
{
	size_t at;

	hdr_only(m, c);
	at = nest_start(m, KCRUMBS_ATTR_MARK);
	put(m, KCRUMBS_MARK_ATTR_TEXT, "x", 1);
	put_u32(m, KCRUMBS_MARK_ATTR_TAG, 0x41414141);
	nest_end(m, at);
}

static void b_mark_not_nested(struct msg *m, const struct hcase *c)
{
	/* a well-formed nest without NLA_F_NESTED */
	size_t at;

	hdr_only(m, c);
	at = put(m, KCRUMBS_ATTR_MARK, NULL, 0);
	put(m, KCRUMBS_MARK_ATTR_TEXT, "x", 1);
	nest_end(m, at);
}

static void b_mark_nest_garbage(struct msg *m, const struct hcase *c)
{
	static const uint8_t junk[] = {
		0xff, 0xff, 0x01, 0x00, 0xde, 0xad, 0xbe, 0xef,
		0x07, 0x00, 0x02, 0x80, 0x00, 0x00, 0x00, 0x00,
		0x13, 0x37, 0xc0, 0xde,
	};

	hdr_only(m, c);
	put(m, KCRUMBS_ATTR_MARK | NLA_F_NESTED, junk, sizeof(junk));
}

static void b_mark_nest_u32(struct msg *m, const struct hcase *c)
{
	/* a u32 where the nest should be */
	hdr_only(m, c);
	put_u32(m, KCRUMBS_ATTR_MARK | NLA_F_NESTED, 7);
}

static void b_mark_nest_truncated(struct msg *m, const struct hcase *c)
{
	/* the text claims 50 bytes; the nest holds 8 of them */
	size_t at;

	hdr_only(m, c);
	at = nest_start(m, KCRUMBS_ATTR_MARK);
	put_raw(m, KCRUMBS_MARK_ATTR_TEXT, NLA_HDRLEN + 50, "12345678", 8);
	nest_end(m, at);
}

static void b_mark_nest_short_len(struct msg *m, const struct hcase *c)
{
	/* an inner nla_len of 3: shorter than its own header */
	size_t at;

	hdr_only(m, c);
	at = nest_start(m, KCRUMBS_ATTR_MARK);
	put_raw(m, KCRUMBS_MARK_ATTR_TEXT, 3, "abcd", 4);
	nest_end(m, at);
}

static void b_mark_nest_past_msg(struct msg *m, const struct hcase *c)
{
	/* the nest claims more bytes than the message has */
	size_t at;

	hdr_only(m, c);
	at = nest_start(m, KCRUMBS_ATTR_MARK);
	put(m, KCRUMBS_MARK_ATTR_TEXT, "hello", 5);
	nest_end(m, at);
	((struct nlattr *)(m->b + at))->nla_len += 64;
}

static void b_mark_inner_unknown(struct msg *m, const struct hcase *c)
{
	size_t at;

	hdr_only(m, c);
	at = nest_start(m, KCRUMBS_ATTR_MARK);
	put(m, KCRUMBS_MARK_ATTR_TEXT, "x", 1);
	put_u32(m, 9, 9);
	nest_end(m, at);
}

static void b_mark_outer_unknown(struct msg *m, const struct hcase *c)
{
	hdr_only(m, c);
	put_mark(m, 10, "t");
	put_u32(m, 200, 1);
}

static void b_mark_outer_unsupported(struct msg *m, const struct hcase *c)
{
	hdr_only(m, c);
	put_mark(m, 10, "t");
	put(m, KCRUMBS_ATTR_TRIGGER_NAME, "PANIC", 6);
}

static void b_mark_batch_over(struct msg *m, const struct hcase *c)
{
	int i;

	hdr_only(m, c);
	for (i = 0; i < KCRUMBS_MARK_BATCH_MAX + 1; i++)
		put_mark(m, 20, "batch");
}

static void b_mark_batch_64k(struct msg *m, const struct hcase *c)
{
	/* 370 marks of the longest text: 65140 bytes */
	int i;

	hdr_only(m, c);
	for (i = 0; i < 370; i++)
		put_mark(m, KCRUMBS_MARK_TEXT_MAX, NULL);
}

static void b_mark_batch_last_bad(struct msg *m, const struct hcase *c)
{
	/* 10 good marks, then one too long: all or nothing */
	int i;

	hdr_only(m, c);
	for (i = 0; i < 10; i++)
		put_mark(m, 20, "good");
	put_mark(m, KCRUMBS_MARK_TEXT_MAX + 1, "bad");
}

/* ---- kcrumbs_trigger ARM and TRIGGER (never one that can succeed) ---- */

static void b_arm_over(struct msg *m, const struct hcase *c)
{
	hdr_only(m, c);
	put_u32(m, KCRUMBS_ATTR_ARM_SECONDS, KCRUMBS_ARM_MAX_SECONDS + 1);
}

static void b_arm_huge(struct msg *m, const struct hcase *c)
{
	hdr_only(m, c);
	put_u32(m, KCRUMBS_ATTR_ARM_SECONDS, 0xffffffffu);
}

static void b_arm_u8(struct msg *m, const struct hcase *c)
{
	hdr_only(m, c);
	put_u8(m, KCRUMBS_ATTR_ARM_SECONDS, 5);
}

static void b_arm_u64(struct msg *m, const struct hcase *c)
{
	hdr_only(m, c);
	put_u64(m, KCRUMBS_ATTR_ARM_SECONDS, 5);
}

static void b_trigger_unknown_name(struct msg *m, const struct hcase *c)
{
	static const char name[] = "KCH_NO_SUCH_TYPE";

	hdr_only(m, c);
	put(m, KCRUMBS_ATTR_TRIGGER_NAME, name, sizeof(name));
}

static void b_trigger_name_long(struct msg *m, const struct hcase *c)
{
	char name[101];

	memset(name, 'Z', 100);
	name[100] = '\0';
	hdr_only(m, c);
	put(m, KCRUMBS_ATTR_TRIGGER_NAME, name, sizeof(name));
}

static void b_trigger_name_no_nul(struct msg *m, const struct hcase *c)
{
	hdr_only(m, c);
	put(m, KCRUMBS_ATTR_TRIGGER_NAME, "NOSUCH", 6);
}

static void b_trigger_name_empty(struct msg *m, const struct hcase *c)
{
	hdr_only(m, c);
	put(m, KCRUMBS_ATTR_TRIGGER_NAME, NULL, 0);
}

static void b_trigger_name_u32(struct msg *m, const struct hcase *c)
{
	/* a u32 for the name: 0x7f, then NUL bytes */
	hdr_only(m, c);
	put_u32(m, KCRUMBS_ATTR_TRIGGER_NAME, 0x7f);
}

static void b_trigger_unknown_attr(struct msg *m, const struct hcase *c)
{
	static const char name[] = "KCH_NO_SUCH_TYPE";

	hdr_only(m, c);
	put(m, KCRUMBS_ATTR_TRIGGER_NAME, name, sizeof(name));
	put_u32(m, 200, 1);
}

#define EI EINVAL
#define ER ERANGE
#define OPN EOPNOTSUPP

static const struct hcase cases[] = {
	/* kcrumbs: GET_STATUS (read-only) */
	{ "status-unknown-attr", F_KC, b_unknown_attr, KCRUMBS_CMD_GET_STATUS, { EI }, 0, 1, 0 },
	{ "status-unsupported-attr", F_KC, b_unsupported_attr, KCRUMBS_CMD_GET_STATUS, { EI }, 0, 1, 0 },
	{ "status-u8-attr", F_KC, b_u8_attr, KCRUMBS_CMD_GET_STATUS, { EI }, 0, 1, 0 },
	{ "status-type0-attr", F_KC, b_type0_attr, KCRUMBS_CMD_GET_STATUS, { EI }, 0, 1, 0 },
	{ "status-trailing-bytes", F_KC, b_trailing, KCRUMBS_CMD_GET_STATUS, { EI }, 0, 1, 0 },
	{ "status-attr-overrun", F_KC, b_attr_overrun, KCRUMBS_CMD_GET_STATUS, { EI }, 0, 1, 0 },
	{ "status-attr-short-len", F_KC, b_attr_short_len, KCRUMBS_CMD_GET_STATUS, { EI }, 0, 1, 0 },
	{ "status-64k-unknown-attrs", F_KC, b_big_garbage, KCRUMBS_CMD_GET_STATUS, { EI }, 0, 1, 0 },
	{ "status-dump", F_KC, b_dump, KCRUMBS_CMD_GET_STATUS, { OPN }, 0, 0, 0 },
	/* kcrumbs: commands it does not have */
	{ "kc-cmd-unspec", F_KC, hdr_only, KCRUMBS_CMD_UNSPEC, { OPN }, 0, 0, 0 },
	{ "kc-cmd-arm-moved", F_KC, hdr_only, KCRUMBS_CMD_ARM, { OPN }, 0, 0, 0 },
	{ "kc-cmd-trigger-moved", F_KC, hdr_only, KCRUMBS_CMD_TRIGGER, { OPN }, 0, 0, 0 },
	{ "kc-cmd-99", F_KC, hdr_only, 99, { OPN }, 0, 0, 0 },
	{ "kc-cmd-255", F_KC, hdr_only, 255, { OPN }, 0, 0, 0 },
	/* kcrumbs: truncated and overlong headers */
	{ "kc-hdr-genl-cut", F_KC, b_hdr_short, KCRUMBS_CMD_GET_STATUS, { EI }, 0, 0, 0 },
	{ "kc-hdr-genl-missing", F_KC, b_hdr_none, KCRUMBS_CMD_MARK, { EI }, 0, 0, 0 },
	{ "kc-hdr-nlmsg-len-8", F_KC, b_hdr_tiny, KCRUMBS_CMD_GET_STATUS, { 0 }, 0, 0, 1 },
	{ "kc-hdr-nlmsg-len-past-end", F_KC, b_hdr_long, KCRUMBS_CMD_MARK, { 0 }, 0, 0, 1 },
	{ "bogus-family-id", F_BOGUS, hdr_only, KCRUMBS_CMD_GET_STATUS, { ENOENT }, 0, 0, 0 },
	/* kcrumbs: MARK (admin) */
	{ "mark-empty", F_KC, b_mark_empty, KCRUMBS_CMD_MARK, { EI }, 1, 1, 0 },
	{ "mark-no-text", F_KC, b_mark_no_text, KCRUMBS_CMD_MARK, { EI }, 1, 1, 0 },
	{ "mark-nest-empty", F_KC, b_mark_nest_empty, KCRUMBS_CMD_MARK, { EI }, 1, 1, 0 },
	{ "mark-text-169", F_KC, b_mark_text_169, KCRUMBS_CMD_MARK, { EMSGSIZE }, 1, 1, 0 },
	{ "mark-text-64k", F_KC, b_mark_text_64k, KCRUMBS_CMD_MARK, { ER }, 1, 1, 0 },
	{ "mark-text-u16-wrap", F_KC, b_mark_text_u16_wrap, KCRUMBS_CMD_MARK, { EI, ER }, 1, 1, 0 },
	{ "mark-tag-long", F_KC, b_mark_tag_long, KCRUMBS_CMD_MARK, { EI, ER }, 1, 1, 0 },
	{ "mark-tag-early-nul", F_KC, b_mark_tag_early_nul, KCRUMBS_CMD_MARK, { EI, ER }, 1, 1, 0 },
	{ "mark-tag-no-nul", F_KC, b_mark_tag_no_nul, KCRUMBS_CMD_MARK, { EI }, 1, 1, 0 },
	{ "mark-tag-u32", F_KC, b_mark_tag_u32, KCRUMBS_CMD_MARK, { EI }, 1, 1, 0 },
	{ "mark-not-nested", F_KC, b_mark_not_nested, KCRUMBS_CMD_MARK, { EI }, 1, 1, 0 },
	{ "mark-nest-garbage", F_KC, b_mark_nest_garbage, KCRUMBS_CMD_MARK, { EI }, 1, 1, 0 },
	{ "mark-nest-u32", F_KC, b_mark_nest_u32, KCRUMBS_CMD_MARK, { EI }, 1, 1, 0 },
	{ "mark-nest-truncated-nla-len", F_KC, b_mark_nest_truncated, KCRUMBS_CMD_MARK, { EI }, 1, 1, 0 },
	{ "mark-nest-short-nla-len", F_KC, b_mark_nest_short_len, KCRUMBS_CMD_MARK, { EI }, 1, 1, 0 },
	{ "mark-nest-past-message", F_KC, b_mark_nest_past_msg, KCRUMBS_CMD_MARK, { EI }, 1, 1, 0 },
	{ "mark-inner-unknown-attr", F_KC, b_mark_inner_unknown, KCRUMBS_CMD_MARK, { EI }, 1, 1, 0 },
	{ "mark-outer-unknown-attr", F_KC, b_mark_outer_unknown, KCRUMBS_CMD_MARK, { EI }, 1, 1, 0 },
	{ "mark-outer-unsupported-attr", F_KC, b_mark_outer_unsupported, KCRUMBS_CMD_MARK, { EI }, 1, 1, 0 },
	{ "mark-batch-max-plus-1", F_KC, b_mark_batch_over, KCRUMBS_CMD_MARK, { E2BIG }, 1, 1, 0 },
	{ "mark-batch-64k-message", F_KC, b_mark_batch_64k, KCRUMBS_CMD_MARK, { E2BIG }, 1, 1, 0 },
	{ "mark-batch-last-too-long", F_KC, b_mark_batch_last_bad, KCRUMBS_CMD_MARK, { EMSGSIZE }, 1, 1, 0 },
	{ "mark-dump", F_KC, b_dump, KCRUMBS_CMD_MARK, { OPN }, 2, 0, 0 },
	/* kcrumbs_trigger: GET_STATUS and LIST_TRIGGERS (read-only) */
	{ "tstatus-unknown-attr", F_TRIG, b_unknown_attr, KCRUMBS_CMD_GET_STATUS, { EI }, 0, 1, 0 },
	{ "tstatus-unsupported-attr", F_TRIG, b_unsupported_attr, KCRUMBS_CMD_GET_STATUS, { EI }, 0, 1, 0 },
	{ "tstatus-trailing-bytes", F_TRIG, b_trailing, KCRUMBS_CMD_GET_STATUS, { EI }, 0, 1, 0 },
	{ "list-unknown-attr", F_TRIG, b_unknown_attr, KCRUMBS_CMD_LIST_TRIGGERS, { EI }, 0, 1, 0 },
	{ "list-u8-attr", F_TRIG, b_u8_attr, KCRUMBS_CMD_LIST_TRIGGERS, { EI }, 0, 1, 0 },
	{ "list-attr-overrun", F_TRIG, b_attr_overrun, KCRUMBS_CMD_LIST_TRIGGERS, { EI }, 0, 1, 0 },
	{ "list-64k-unknown-attrs", F_TRIG, b_big_garbage, KCRUMBS_CMD_LIST_TRIGGERS, { EI }, 0, 1, 0 },
	{ "list-dump", F_TRIG, b_dump, KCRUMBS_CMD_LIST_TRIGGERS, { OPN }, 0, 0, 0 },
	/* kcrumbs_trigger: ARM (admin), never a valid one */
	{ "arm-missing-seconds", F_TRIG, hdr_only, KCRUMBS_CMD_ARM, { EI }, 1, 1, 0 },
	{ "arm-seconds-over-max", F_TRIG, b_arm_over, KCRUMBS_CMD_ARM, { ER }, 1, 1, 0 },
	{ "arm-seconds-u32-max", F_TRIG, b_arm_huge, KCRUMBS_CMD_ARM, { ER }, 1, 1, 0 },
	{ "arm-seconds-u8", F_TRIG, b_arm_u8, KCRUMBS_CMD_ARM, { EI }, 1, 1, 0 },
	{ "arm-seconds-u64", F_TRIG, b_arm_u64, KCRUMBS_CMD_ARM, { EI }, 1, 1, 0 },
	{ "arm-unknown-attr", F_TRIG, b_unknown_attr, KCRUMBS_CMD_ARM, { EI }, 1, 1, 0 },
	{ "arm-attr-short-len", F_TRIG, b_attr_short_len, KCRUMBS_CMD_ARM, { EI }, 1, 1, 0 },
	{ "arm-64k-unknown-attrs", F_TRIG, b_big_garbage, KCRUMBS_CMD_ARM, { EI }, 1, 1, 0 },
	/* kcrumbs_trigger: TRIGGER (admin), never a crash type that exists */
	{ "trigger-missing-name", F_TRIG, hdr_only, KCRUMBS_CMD_TRIGGER, { EI }, 1, 1, 0 },
	{ "trigger-unknown-name", F_TRIG, b_trigger_unknown_name, KCRUMBS_CMD_TRIGGER, { EI }, 1, 1, 0 },
	{ "trigger-name-too-long", F_TRIG, b_trigger_name_long, KCRUMBS_CMD_TRIGGER, { EI, ER }, 1, 1, 0 },
	{ "trigger-name-no-nul", F_TRIG, b_trigger_name_no_nul, KCRUMBS_CMD_TRIGGER, { EI }, 1, 1, 0 },
	{ "trigger-name-empty", F_TRIG, b_trigger_name_empty, KCRUMBS_CMD_TRIGGER, { EI }, 1, 1, 0 },
	{ "trigger-name-u32", F_TRIG, b_trigger_name_u32, KCRUMBS_CMD_TRIGGER, { EI }, 1, 1, 0 },
	{ "trigger-unknown-attr", F_TRIG, b_trigger_unknown_attr, KCRUMBS_CMD_TRIGGER, { EI }, 1, 1, 0 },
	/* kcrumbs_trigger: commands it does not have, headers */
	{ "trig-cmd-mark", F_TRIG, b_mark_batch_over, KCRUMBS_CMD_MARK, { OPN }, 0, 0, 0 },
	{ "trig-cmd-99", F_TRIG, hdr_only, 99, { OPN }, 0, 0, 0 },
	{ "trig-hdr-genl-cut", F_TRIG, b_hdr_short, KCRUMBS_CMD_TRIGGER, { EI }, 0, 0, 0 },
	{ "trig-hdr-genl-missing", F_TRIG, b_hdr_none, KCRUMBS_CMD_ARM, { EI }, 0, 0, 0 },
	{ "trig-hdr-nlmsg-len-past-end", F_TRIG, b_hdr_long, KCRUMBS_CMD_TRIGGER, { 0 }, 0, 0, 1 },
};

/* ---- sockets ---- */

static int open_sock(void)
{
	struct timeval tv = { .tv_sec = TIMEOUT_S };
	int fd, one = 1, sz = 1 << 20;

	fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_GENERIC);
	if (fd < 0) {
		perror("nlhostile: socket");
		exit(2);
	}
	setsockopt(fd, SOL_NETLINK, NETLINK_EXT_ACK, &one, sizeof(one));
	setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &sz, sizeof(sz));
	setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &sz, sizeof(sz));
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	return fd;
}

static void set_timeout_ms(int fd, int ms)
{
	struct timeval tv = { .tv_sec = ms / 1000, .tv_usec = (ms % 1000) * 1000 };

	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
}

static int send_msg(int fd, const struct msg *m)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	ssize_t n;

	n = sendto(fd, m->b, m->len, 0, (struct sockaddr *)&kernel, sizeof(kernel));
	if (n < 0)
		return -errno;
	return n == (ssize_t)m->len ? 0 : -EIO;
}

static void copy_printable(char *dst, size_t size, const char *src, size_t n)
{
	size_t i, o = 0;

	for (i = 0; i < n && src[i] && o + 5 < size; i++) {
		unsigned char ch = src[i];

		if (ch >= 0x20 && ch < 0x7f && ch != '\'')
			dst[o++] = ch;
		else
			o += snprintf(dst + o, size - o, "\\x%02x", ch);
	}
	dst[o] = '\0';
}

/* the extended ACK TLVs after an NLMSG_ERROR's echoed request */
static void parse_extack(const struct nlmsghdr *h, struct result *r)
{
	const struct nlmsgerr *e = NLMSG_DATA(h);
	const uint8_t *end = (const uint8_t *)h + h->nlmsg_len;
	const uint8_t *p;
	size_t off = NLMSG_HDRLEN + sizeof(*e);

	if (!(h->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	if (!(h->nlmsg_flags & NLM_F_CAPPED) && e->msg.nlmsg_len >= NLMSG_HDRLEN)
		off += NLMSG_ALIGN(e->msg.nlmsg_len - NLMSG_HDRLEN);
	for (p = (const uint8_t *)h + off; p + NLA_HDRLEN <= end;) {
		const struct nlattr *a = (const struct nlattr *)p;
		const char *data = (const char *)(p + NLA_HDRLEN);
		size_t dlen;

		if (a->nla_len < NLA_HDRLEN || p + a->nla_len > end)
			break;
		dlen = a->nla_len - NLA_HDRLEN;
		switch (a->nla_type & NLA_TYPE_MASK) {
		case NLMSGERR_ATTR_MSG:
			copy_printable(r->extack, sizeof(r->extack), data, dlen);
			break;
		case NLMSGERR_ATTR_OFFS:
			if (dlen >= 4) {
				memcpy(&r->offs, data, 4);
				r->has_offs = 1;
			}
			break;
		case 5:	/* NLMSGERR_ATTR_MISS_TYPE, 6.0+ */
			if (dlen >= 4) {
				memcpy(&r->miss_type, data, 4);
				r->has_miss = 1;
			}
			break;
		default:
			break;
		}
		p += NLA_ALIGN(a->nla_len);
	}
}

/*
 * Read until the NLMSG_ERROR (error or ACK) for @seq, or the timeout.
 * Return 0, or -errno of recv() (EAGAIN: timed out).
 */
static int await(int fd, uint32_t seq, struct result *r)
{
	static uint8_t buf[BUF_SIZE];
	const struct nlmsghdr *h;
	ssize_t n;
	int len;

	memset(r, 0, sizeof(*r));
	for (;;) {
		n = recv(fd, buf, sizeof(buf), 0);
		if (n < 0)
			return -errno;
		len = (int)n;
		for (h = (struct nlmsghdr *)buf; NLMSG_OK(h, len); h = NLMSG_NEXT(h, len)) {
			if (h->nlmsg_seq != seq)
				continue;
			if (h->nlmsg_type == NLMSG_ERROR) {
				const struct nlmsgerr *e = NLMSG_DATA(h);

				r->answered = 1;
				r->error = -e->error;
				parse_extack(h, r);
				return 0;
			}
			if (h->nlmsg_type == NLMSG_DONE)
				continue;
			r->data++;
		}
	}
}

/* A valid read-only request: kcrumbs GET_STATUS; 0 when answered. */
static int probe(int fd)
{
	static uint8_t b[256];
	struct msg m = { .b = b };
	struct result r;

	set_timeout_ms(fd, TIMEOUT_S * 1000);
	begin(&m, fam_id[F_KC], KCRUMBS_CMD_GET_STATUS, 0);
	if (send_msg(fd, &m))
		return -1;
	if (await(fd, nlh(&m)->nlmsg_seq, &r) || !r.answered || r.error || r.data != 1)
		return -1;
	return 0;
}

static uint16_t resolve(const char *name)
{
	static uint8_t b[256];
	static uint8_t rb[8192];
	struct msg m = { .b = b };
	struct nlmsghdr *h;
	ssize_t n;
	int fd = open_sock(), len;
	uint16_t id = 0;

	begin(&m, GENL_ID_CTRL, CTRL_CMD_GETFAMILY, 0);
	nlh(&m)->nlmsg_flags = NLM_F_REQUEST;
	put(&m, CTRL_ATTR_FAMILY_NAME, name, strlen(name) + 1);
	if (send_msg(fd, &m))
		goto out;
	n = recv(fd, rb, sizeof(rb), 0);
	if (n < 0)
		goto out;
	len = (int)n;
	for (h = (struct nlmsghdr *)rb; NLMSG_OK(h, len); h = NLMSG_NEXT(h, len)) {
		struct nlattr *a;
		int alen;

		if (h->nlmsg_type != GENL_ID_CTRL)
			continue;
		alen = h->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;
		for (a = (struct nlattr *)((uint8_t *)NLMSG_DATA(h) + GENL_HDRLEN);
		     alen >= NLA_HDRLEN && a->nla_len >= NLA_HDRLEN && a->nla_len <= alen;
		     alen -= NLA_ALIGN(a->nla_len),
		     a = (struct nlattr *)((uint8_t *)a + NLA_ALIGN(a->nla_len)))
			if ((a->nla_type & NLA_TYPE_MASK) == CTRL_ATTR_FAMILY_ID)
				memcpy(&id, (uint8_t *)a + NLA_HDRLEN, 2);
	}
out:
	close(fd);
	return id;
}

static const char *errname(int e)
{
	const char *s = e ? strerrorname_np(e) : "0";

	return s ? s : "E?";
}

static int wanted(const struct hcase *c, int err)
{
	int i;

	if (c->admin && !privileged && (c->admin == 1 || err == EPERM))
		return err == EPERM;
	if (!c->want[0])
		return err != 0;
	for (i = 0; i < 3 && c->want[i]; i++)
		if (c->want[i] == err)
			return 1;
	return 0;
}

static void want_list(const struct hcase *c, char *s, size_t size)
{
	size_t o = 0;
	int i;

	if (c->admin == 1 && !privileged) {
		snprintf(s, size, "EPERM");
		return;
	}
	s[0] = '\0';
	if (c->admin == 2 && !privileged)
		o += snprintf(s, size, "EPERM|");
	for (i = 0; i < 3 && c->want[i]; i++)
		o += snprintf(s + o, size - o, "%s%s", i ? "|" : "", errname(c->want[i]));
	if (!i && !o)
		snprintf(s, size, "any error");
}

/* Run one case; 0 when it went as expected. */
static int run_case(const struct hcase *c)
{
	static uint8_t b[BUF_SIZE];
	struct msg m = { .b = b };
	char why[160] = "", want[48], extra[64] = "";
	struct result r;
	int fd = open_sock(), err, bad = 0;

	c->build(&m, c);
	err = send_msg(fd, &m);
	if (err) {
		/* refused before it reached genetlink: still a refusal */
		printf("case %s: errno %s, extack '' (sendto)", c->name, errname(-err));
		printf(" -> ok\n");
		close(fd);
		return 0;
	}
	if (c->drop)
		set_timeout_ms(fd, DROP_WAIT_MS);
	err = await(fd, nlh(&m)->nlmsg_seq, &r);
	want_list(c, want, sizeof(want));
	if (err && err != -EAGAIN) {
		snprintf(why, sizeof(why), "recv: %s", strerror(-err));
		bad = 1;
	} else if (!r.answered && c->drop) {
		/* dropped unanswered, as netlink_rcv_skb() does: the socket must still work */
		if (probe(fd)) {
			snprintf(why, sizeof(why), "the socket no longer answers a valid request");
			bad = 1;
		}
	} else if (!r.answered) {
		snprintf(why, sizeof(why), "no answer within %d s", TIMEOUT_S);
		bad = 1;
	} else if (r.error == 0) {
		snprintf(why, sizeof(why), "accepted (%d replies with data)", r.data);
		bad = 1;
	} else if (r.data) {
		snprintf(why, sizeof(why), "%d replies with data before the error", r.data);
		bad = 1;
	} else if (!c->drop && !wanted(c, r.error)) {
		snprintf(why, sizeof(why), "wanted %s", want);
		bad = 1;
	} else if (c->extack && (privileged || !c->admin) && !r.extack[0] && !r.has_miss) {
		snprintf(why, sizeof(why), "no extended ACK");
		bad = 1;
	}
	if (r.has_offs)
		snprintf(extra, sizeof(extra), " (at offset %u)", r.offs);
	if (r.has_miss)
		snprintf(extra + strlen(extra), sizeof(extra) - strlen(extra),
			 " (missing attribute %u)", r.miss_type);
	if (r.answered)
		printf("case %s: errno %s, extack '%s'%s -> %s%s\n", c->name,
		       errname(r.error), r.extack, extra, bad ? "FAIL: " : "ok", why);
	else
		printf("case %s: errno none (dropped unanswered), extack '' -> %s%s\n",
		       c->name, bad ? "FAIL: " : "ok, the socket still answers", why);
	close(fd);
	return bad;
}

int main(int argc, char **argv)
{
	unsigned int i, n = 0, failed = 0;
	const char *only = argc > 1 ? argv[1] : NULL;
	int fd;

	setvbuf(stdout, NULL, _IOLBF, 0);
	privileged = geteuid() == 0;
	fam_id[F_KC] = resolve(KCRUMBS_GENL_NAME);
	fam_id[F_TRIG] = resolve(KCRUMBS_TRIGGER_GENL_NAME);
	fam_id[F_BOGUS] = 0x7ff0;
	if (!fam_id[F_KC] || !fam_id[F_TRIG]) {
		fprintf(stderr, "nlhostile: family %s (%u) or %s (%u) not found: load both modules\n",
			KCRUMBS_GENL_NAME, fam_id[F_KC], KCRUMBS_TRIGGER_GENL_NAME,
			fam_id[F_TRIG]);
		return 2;
	}
	printf("nlhostile: uid %u, families %s=%u %s=%u\n", geteuid(), KCRUMBS_GENL_NAME,
	       fam_id[F_KC], KCRUMBS_TRIGGER_GENL_NAME, fam_id[F_TRIG]);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (only && strcmp(only, cases[i].name))
			continue;
		n++;
		failed += run_case(&cases[i]);
	}
	fd = open_sock();
	if (probe(fd)) {
		printf("nlhostile: the module no longer answers GET_STATUS\n");
		failed++;
	}
	close(fd);
	printf("nlhostile: uid %u: %u cases, %u refused as expected, %u failed\n",
	       geteuid(), n, n - failed, failed);
	return failed ? 1 : 0;
}
