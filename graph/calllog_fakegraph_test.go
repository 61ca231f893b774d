package graph

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/tidwall/gjson"

	"github.com/callscope/callscope/internal/fakegraph"
)

// CallLog against internal/fakegraph, the fake that `callscope pstn` is
// tried against by hand: its paging, throttling, 403 and 90-day rule are
// Graph's as documented, served by another implementation than
// pstn_test.go's.

func newLogFake(t *testing.T, o fakegraph.Options) (*fakegraph.Server, *Client, *fakeClock) {
	t.Helper()
	o.Token = testToken
	fg := fakegraph.New(o)
	srv := httptest.NewServer(fg)
	t.Cleanup(srv.Close)
	clk := newFakeClock()
	return fg, &Client{Root: srv.URL, Tokens: StaticToken(testToken), HTTP: srv.Client(), Sleep: clk.sleep, now: clk.now}, clk
}

// logRows are n Direct Routing or PSTN rows a minute apart from start.
func logRows(n int, start time.Time, prefix string) []byte {
	var rows []string
	for i := range n {
		rows = append(rows, fmt.Sprintf(`{"id":"%s-%04d","startDateTime":%q,"callerNumber":"+14255550100","correlationId":"c"}`,
			prefix, i, start.Add(time.Duration(i)*time.Minute).Format(time.RFC3339)))
	}
	return []byte(`{"value":[` + strings.Join(rows, ",") + `]}`)
}

func ids(t *testing.T, raw []byte) []string {
	t.Helper()
	var out []string
	for _, e := range rawElements(t, raw, "value") {
		out = append(out, gjson.Get(e, "id").String())
	}
	return out
}

func TestCallLogFakeGraphAllPages(t *testing.T) {
	fg, c, _ := newLogFake(t, fakegraph.Options{LogRowsPerPage: 7})
	if err := fg.AddLog(fakegraph.DirectRoutingCalls, logRows(30, logDay, "dr")); err != nil {
		t.Fatal(err)
	}
	raw, err := c.CallLog(context.Background(), DirectRoutingCalls, logDay, logDay.Add(20*time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	got := ids(t, raw)
	if len(got) != 20 || got[0] != "dr-0000" || got[19] != "dr-0019" {
		t.Errorf("rows %q: want the 20 of the range (toDateTime exclusive), every page", got)
	}
	if n := len(fg.Requests()); n != 3 {
		t.Errorf("%d requests, want 3 pages of 7", n)
	}
	if gjson.GetBytes(raw, `@odata\.nextLink`).Exists() {
		t.Error("a nextLink is left in the merged log")
	}
}

func TestCallLogFakeGraphThrottled(t *testing.T) {
	fg, c, clk := newLogFake(t, fakegraph.Options{LogRowsPerPage: 5, ThrottleEvery: 2, RetryAfter: "3"})
	if err := fg.AddLog(fakegraph.PSTNCalls, logRows(12, logDay, "cp")); err != nil {
		t.Fatal(err)
	}
	raw, err := c.CallLog(context.Background(), PSTNCalls, logDay, logDay.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if got := ids(t, raw); len(got) != 12 {
		t.Errorf("rows %q: every row, once, through the 429s", got)
	}
	throttled := 0
	for _, w := range clk.recorded() {
		if w == 3*time.Second {
			throttled++
		}
	}
	if throttled == 0 || len(fg.Requests()) <= 3 {
		t.Errorf("waits %v, %d requests: 429s retried after Retry-After", clk.recorded(), len(fg.Requests()))
	}
}

func TestCallLogFakeGraphForbidden(t *testing.T) {
	for _, fn := range []string{PSTNCalls, DirectRoutingCalls} {
		_, c, _ := newLogFake(t, fakegraph.Options{ForbidLogs: []string{fn}})
		_, err := c.CallLog(context.Background(), fn, logDay, logDay.Add(time.Hour))
		var le *LogError
		if !errors.As(err, &le) || !Forbidden(err) {
			t.Fatalf("%s: got %T %v", fn, err, err)
		}
		for _, want := range []string{fn, "CallRecord-PstnCalls.Read.All", "CallRecords.Read.All"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("%q lacks %q", err, want)
			}
		}
		if strings.Contains(err.Error(), testToken) {
			t.Errorf("the token reached the error")
		}
	}
}

// getPstnCalls over more than 90 days: the fake refuses such a request
// (400) as Graph does, so the range must come in parts, and every row,
// the one on a seam once.
func TestCallLogFakeGraphSplitsLongRanges(t *testing.T) {
	fg, c, _ := newLogFake(t, fakegraph.Options{})
	from := logDay
	to := from.Add(200 * 24 * time.Hour)
	seam := from.Add(MaxLogRange)
	rows := `{"value":[` +
		`{"id":"first","startDateTime":"` + from.Format(time.RFC3339) + `"},` +
		`{"id":"seam","startDateTime":"` + seam.Format(time.RFC3339) + `"},` +
		`{"id":"late","startDateTime":"` + to.Add(-time.Hour).Format(time.RFC3339) + `"}]}`
	if err := fg.AddLog(fakegraph.PSTNCalls, []byte(rows)); err != nil {
		t.Fatal(err)
	}
	raw, err := c.CallLog(context.Background(), PSTNCalls, from, to)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(ids(t, raw), ","); got != "first,seam,late" {
		t.Errorf("rows %s", got)
	}
	reqs := fg.Requests()
	if len(reqs) != 3 {
		t.Fatalf("requests %q: want 3 parts of at most 90 days", reqs)
	}
	for _, r := range reqs {
		m := logPath.FindStringSubmatch(r)
		if m == nil {
			t.Fatalf("request %q", r)
		}
		f, _ := time.Parse(time.RFC3339, m[2])
		e, _ := time.Parse(time.RFC3339, m[3])
		if e.Sub(f) > MaxLogRange {
			t.Errorf("%q asks for more than 90 days", r)
		}
	}
}
