package graph

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/callscope/callscope/text"
	"github.com/tidwall/gjson"
)

// Graph's call logs: the PSTN (Calling Plan) and Direct Routing calls of a
// time range, rows in "value", up to 1,000 a page.
const (
	PSTNCalls          = "getPstnCalls"          // pstnCallLogRow; fromDateTime and toDateTime inclusive, at most 90 days a request
	DirectRoutingCalls = "getDirectRoutingCalls" // directRoutingLogRow; toDateTime exclusive; no limit documented
)

// MaxLogRange is the longest range getPstnCalls takes in one request.
const MaxLogRange = 90 * 24 * time.Hour

// maxLogRows stops a range too big to hold: a row takes about a kilobyte,
// so this is half a gigabyte of rows.
var maxLogRows = 500_000

// logPermission is what a 403 from the logs asks for.
const logPermission = "the app needs the application permission CallRecord-PstnCalls.Read.All (or CallRecords.Read.All) with admin consent granted in this tenant (delegated sign-in is not supported)"

// LogError is a failed request for a call log, worded for the log: a 403
// names the logs' permission, a 404 the clouds that serve them.
type LogError struct {
	*HTTPError
	Function string
}

func (e *LogError) Error() string {
	graph := e.graphSays()
	var s string
	switch e.Status {
	case http.StatusForbidden:
		s = fmt.Sprintf("Graph refused access to %s (%s): %s", e.Function, graph, logPermission)
	case http.StatusNotFound:
		s = fmt.Sprintf("Graph has no %s here (%s): check --cloud and --graph-url; Microsoft documents getPstnCalls in the global and US Government clouds, getDirectRoutingCalls in the global cloud", e.Function, graph)
	default:
		return e.HTTPError.Error()
	}
	if e.RequestID != "" {
		s += " [request-id " + e.RequestID + "]"
	}
	return s
}

func (e *LogError) Unwrap() error { return e.HTTPError }

// Forbidden tells whether err is Graph refusing access (403).
func Forbidden(err error) bool {
	var he *HTTPError
	return errors.As(err, &he) && he.Status == http.StatusForbidden
}

// CallLog gets every row of one of Graph's call logs (PSTNCalls or
// DirectRoutingCalls) whose call started from from (inclusive) to to,
// following every @odata.nextLink:
//
//	GET {root}/v1.0/communications/callRecords/getPstnCalls(fromDateTime=2026-11-01T00:00:00Z,toDateTime=2026-11-02T00:00:00Z)
//
// It returns one raw JSON object, as List does: the first response's
// members with "value" holding every row of every page, byte for byte as
// Graph sent it, and no nextLink left. getPstnCalls takes at most 90 days a
// request: a longer range is asked in parts of 90 days, and since its
// toDateTime is inclusive a row at the seam comes twice; the second, with
// the same id, is dropped.
func (c *Client) CallLog(ctx context.Context, function string, from, to time.Time) (raw []byte, err error) {
	raw, err = c.callLog(ctx, function, from, to)
	return raw, c.scrubErr(err)
}

func (c *Client) callLog(ctx context.Context, function string, from, to time.Time) ([]byte, error) {
	if err := c.init(); err != nil {
		return nil, err
	}
	if function != PSTNCalls && function != DirectRoutingCalls {
		return nil, fmt.Errorf("no such call log: %q", function)
	}
	if !to.After(from) {
		return nil, fmt.Errorf("the end of the time range (%s) is not after its start (%s)", rfc3339(to), rfc3339(from))
	}
	parts := [][2]time.Time{{from, to}}
	if function == PSTNCalls {
		parts = SplitRange(from, to, MaxLogRange)
	}
	var first []member
	var rows []string
	ids := map[string]bool{}
	page := 0
	for i, p := range parts {
		s := fmt.Sprintf("%s/v1.0/communications/callRecords/%s(fromDateTime=%s,toDateTime=%s)",
			c.Root, function, rfc3339(p[0]), rfc3339(p[1]))
		u, err := url.Parse(s)
		if err != nil {
			return nil, err
		}
		seen := map[string]bool{}
		next := u.String()
		for n := 1; next != ""; n++ {
			page++
			what := logWhat(function, parts, i, n)
			pg, nu, err := c.page(ctx, u, next, what, seen, n, listKey(n > 1)) // the logs are paced as the list
			if err != nil {
				var he *HTTPError
				if errors.As(err, &he) && (he.Status == http.StatusForbidden || he.Status == http.StatusNotFound) {
					return nil, &LogError{HTTPError: he, Function: function}
				}
				return nil, err
			}
			if first == nil {
				first = pg.members
			}
			for _, e := range pg.elems {
				if len(parts) > 1 { // a row at the seam of two parts comes in both
					if id := gjson.Get(e, "id").String(); id != "" {
						if ids[id] {
							continue
						}
						ids[id] = true
					}
				}
				rows = append(rows, e)
			}
			if len(rows) > maxLogRows {
				return nil, fmt.Errorf("%s: more than %d rows from %s to %s; give a shorter range (--from/--to)", function, maxLogRows, rfc3339(from), rfc3339(to))
			}
			u, next = nu, pg.next
			c.report(Progress{What: fmt.Sprintf("%s page %d, %s so far", logWords(function), page, text.Plural(len(rows), "row"))})
		}
	}
	if first == nil {
		return nil, errors.New("Graph sent no " + function + " log")
	}
	return merge(first, replacement{key: "value", elems: rows}), nil
}

// logWhat names a request in errors: "getPstnCalls 2026-01-01…2026-03-31, page 2".
func logWhat(function string, parts [][2]time.Time, i, n int) string {
	s := function
	if len(parts) > 1 {
		s += fmt.Sprintf(" %s…%s", parts[i][0].UTC().Format(time.DateOnly), parts[i][1].UTC().Format(time.DateOnly))
	}
	if n > 1 {
		s += fmt.Sprintf(", page %d", n)
	}
	return s
}

func logWords(function string) string {
	if function == PSTNCalls {
		return "PSTN call log"
	}
	return "Direct Routing log"
}

// SplitRange cuts [from, to] into consecutive parts of at most max, each
// starting where the one before ends.
func SplitRange(from, to time.Time, max time.Duration) [][2]time.Time {
	var parts [][2]time.Time
	for start := from; start.Before(to); start = start.Add(max) {
		end := start.Add(max)
		if end.After(to) {
			end = to
		}
		parts = append(parts, [2]time.Time{start, end})
	}
	return parts
}
