package graph

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/callscope/callscope/text"
	"github.com/tidwall/gjson"
)

// maxPages stops a server that never stops paging: 2,000 pages of 60 is
// far beyond any real meeting.
const maxPages = 2000

// FetchRecord gets one call record with every session (and its segments)
// and every participant, following Graph's paging:
//
//	GET {root}/v1.0/communications/callRecords/{id}?$expand=sessions($expand=segments)
//	then sessions@odata.nextLink and each page's @odata.nextLink
//	GET {root}/v1.0/communications/callRecords/{id}/participants_v2, then @odata.nextLink
//
// It returns one raw Graph JSON object: the record's members in the order
// Graph sent them, "sessions" holding the sessions of every page,
// "participants_v2" every participant (added at the end when the record
// had no such member), and no nextLink left. Every element is byte for byte
// what Graph sent.
//
// A page that fails after the first fails the fetch, unless allowPartial:
// then what came is returned with a warning for each part that is missing.
// Cancellation always fails.
func (c *Client) FetchRecord(ctx context.Context, id string, allowPartial bool) (raw []byte, warnings []string, err error) {
	raw, warnings, err = c.fetchRecord(ctx, id, allowPartial)
	return raw, c.scrubWarnings(warnings), c.scrubErr(err)
}

func (c *Client) fetchRecord(ctx context.Context, id string, allowPartial bool) (raw []byte, warnings []string, err error) {
	if err := c.init(); err != nil {
		return nil, nil, err
	}
	id, err = CheckRecordID(id)
	if err != nil {
		return nil, nil, err
	}
	base := c.Root + "/v1.0/communications/callRecords/" + url.PathEscape(id)
	first, err := url.Parse(base + "?$expand=sessions($expand=segments)")
	if err != nil {
		return nil, nil, err
	}
	body, err := c.get(ctx, first, "call record", recordKey(id, false))
	if err != nil {
		return nil, nil, err
	}
	obj, err := parseObject(body)
	if err != nil {
		return nil, nil, fmt.Errorf("call record: %w", err)
	}
	rec := members(obj)
	var sessions []string
	if s, ok := memberNamed(rec, "sessions"); ok {
		if !s.IsArray() && s.Type != gjson.Null {
			return nil, nil, fmt.Errorf("call record: Graph sent \"sessions\" that is not an array")
		}
		sessions = elements(s)
	}
	prog := Progress{What: "record", Page: 1, Sessions: len(sessions)}
	c.report(prog)

	// Sessions beyond the first 60.
	next := ""
	if s, ok := memberNamed(rec, "sessions@odata.nextLink"); ok {
		next = s.String()
	}
	seen := map[string]bool{first.String(): true}
	from := first
	for n := 2; next != ""; n++ {
		what := fmt.Sprintf("sessions page %d", n)
		p, u, err := c.page(ctx, from, next, what, seen, n, recordKey(id, true))
		if err != nil {
			if ctx.Err() != nil || !allowPartial {
				return nil, nil, err
			}
			warnings = append(warnings, fmt.Sprintf("sessions are missing: page %d failed: %s; the record holds only the %s of %s, and whatever later pages held is absent",
				n, err, text.Plural(len(sessions), "session"), pagesUpTo(n-1)))
			break
		}
		sessions = append(sessions, p.elems...)
		from, next = u, p.next
		prog = Progress{What: "sessions", Page: n, Sessions: len(sessions)}
		c.report(prog)
	}

	// participants_v2 comes only on its own request.
	var participants []string
	gotParticipants := false
	from, _ = url.Parse(base + "/participants_v2")
	next = from.String()
	for n := 1; next != ""; n++ {
		what := fmt.Sprintf("participants page %d", n)
		p, u, err := c.page(ctx, from, next, what, seen, n, recordKey(id, n > 1))
		if err != nil {
			if ctx.Err() != nil || !allowPartial {
				return nil, nil, err
			}
			if n == 1 {
				warnings = append(warnings, fmt.Sprintf("participants are missing: page 1 failed: %s; the record has no participants_v2 list, so who took part comes only from the sessions", err))
			} else {
				warnings = append(warnings, fmt.Sprintf("participants are missing: page %d failed: %s; participants_v2 holds only the %s of %s",
					n, err, text.Plural(len(participants), "participant"), pagesUpTo(n-1)))
			}
			break
		}
		gotParticipants = true
		participants = append(participants, p.elems...)
		from, next = u, p.next
		prog.What, prog.Page, prog.Participants = "participants", n, len(participants)
		c.report(prog)
	}

	var repl []replacement
	if s, _ := memberNamed(rec, "sessions"); s.IsArray() || len(sessions) > 0 {
		repl = append(repl, replacement{key: "sessions", elems: sessions})
	}
	if gotParticipants {
		repl = append(repl, replacement{key: "participants_v2", elems: participants})
	}
	return merge(rec, repl...), warnings, nil
}

// page fetches and reads the page a nextLink names. The nextLink must stay
// on the Graph host and must not repeat a page already fetched.
func (c *Client) page(ctx context.Context, from *url.URL, next, what string, seen map[string]bool, n int, k rateKey) (page, *url.URL, error) {
	if n > maxPages {
		return page{}, nil, fmt.Errorf("%s: Graph is still paging after %d pages; stopping", what, maxPages)
	}
	u, err := c.resolve(from, next)
	if err != nil {
		return page{}, nil, fmt.Errorf("%s: %w", what, err)
	}
	if seen[u.String()] {
		return page{}, nil, fmt.Errorf("%s: Graph's nextLink repeats a page already fetched; stopping rather than looping", what)
	}
	seen[u.String()] = true
	b, err := c.get(ctx, u, what, k)
	if err != nil {
		return page{}, nil, err
	}
	p, err := parsePage(b)
	if err != nil {
		return page{}, nil, fmt.Errorf("%s: %w", what, err)
	}
	return p, u, nil
}

func pagesUpTo(n int) string {
	if n == 1 {
		return "page 1"
	}
	return fmt.Sprintf("pages 1-%d", n)
}

func (c *Client) report(p Progress) {
	if c.Progress != nil {
		c.Progress(p)
	}
}

// CheckRecordID trims an id as people paste it (spaces, braces) and refuses
// anything that could leave the call record's path: a call record id is a
// GUID, but any run of letters, digits, '-', '_' and '.' is let through.
func CheckRecordID(id string) (string, error) {
	s := strings.TrimSpace(id)
	if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") {
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	bad := s == "" || s == "." || s == ".." || len(s) > 200
	for i := 0; i < len(s) && !bad; i++ {
		ch := s[i]
		bad = !(ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= '0' && ch <= '9' || ch == '-' || ch == '_' || ch == '.')
	}
	if bad {
		if s == "" {
			return "", errors.New("no call record id: give one such as 2f1a1100-b174-40a0-aba7-0b405e01ed92")
		}
		return "", fmt.Errorf("%q is not a call record id: ids are GUIDs such as 2f1a1100-b174-40a0-aba7-0b405e01ed92", clean(id, 80))
	}
	return s, nil
}
