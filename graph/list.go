package graph

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// ListOptions narrows the list of call records. Zero values do not filter.
type ListOptions struct {
	From, To    time.Time // startDateTime from (inclusive) and to (exclusive)
	Participant string    // a user's object id (a GUID): calls they took part in
}

var guid = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// Filter is the OData $filter the options give, "" for none:
//
//	startDateTime ge 2026-11-01T00:00:00Z and startDateTime lt 2026-11-02T00:00:00Z
//	participants_v2/any(p:p/id eq '821809f5-0000-0000-0000-3b5136c0e777')
func (o ListOptions) Filter() (string, error) {
	var parts []string
	if !o.From.IsZero() && !o.To.IsZero() && !o.To.After(o.From) {
		return "", fmt.Errorf("the end of the time range (%s) is not after its start (%s)", rfc3339(o.To), rfc3339(o.From))
	}
	if !o.From.IsZero() {
		parts = append(parts, "startDateTime ge "+rfc3339(o.From))
	}
	if !o.To.IsZero() {
		parts = append(parts, "startDateTime lt "+rfc3339(o.To))
	}
	if p := strings.TrimSpace(o.Participant); p != "" {
		if !guid.MatchString(p) {
			return "", fmt.Errorf("%q is not a user object id: give the user's Microsoft Entra object id, a GUID such as 821809f5-0000-0000-0000-3b5136c0e777", clean(o.Participant, 80))
		}
		parts = append(parts, "participants_v2/any(p:p/id eq '"+p+"')")
	}
	return strings.Join(parts, " and "), nil
}

func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// List gets the call records the options select, following every
// @odata.nextLink, as one raw JSON object: the first page's members (such as
// @odata.context) with "value" holding the records of every page and no
// nextLink left. The list holds no sessions.
func (c *Client) List(ctx context.Context, o ListOptions) (raw []byte, err error) {
	raw, err = c.list(ctx, o)
	return raw, c.scrubErr(err)
}

func (c *Client) list(ctx context.Context, o ListOptions) (raw []byte, err error) {
	if err := c.init(); err != nil {
		return nil, err
	}
	filter, err := o.Filter()
	if err != nil {
		return nil, err
	}
	s := c.Root + "/v1.0/communications/callRecords"
	if filter != "" {
		s += "?$filter=" + strings.ReplaceAll(url.QueryEscape(filter), "+", "%20")
	}
	from, err := url.Parse(s)
	if err != nil {
		return nil, err
	}
	var first []member
	var records []string
	seen := map[string]bool{}
	next := from.String()
	for n := 1; next != ""; n++ {
		what := "list of call records"
		if n > 1 {
			what = fmt.Sprintf("list of call records, page %d", n)
		}
		p, u, err := c.page(ctx, from, next, what, seen, n, listKey(n > 1))
		if err != nil {
			return nil, err
		}
		if n == 1 {
			first = p.members
		}
		records = append(records, p.elems...)
		from, next = u, p.next
		c.report(Progress{What: "list", Page: n, Records: len(records)})
	}
	if first == nil {
		return nil, errors.New("Graph sent no list")
	}
	return merge(first, replacement{key: "value", elems: records}), nil
}
