package graph

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tidwall/gjson"
)

// fakeLogs is Graph's getPstnCalls and getDirectRoutingCalls: rows by start
// time, paged with $skip as Graph pages them, getPstnCalls refusing ranges
// over 90 days as documented. hook may answer any request first.
type fakeLogs struct {
	srv     *httptest.Server
	rows    map[string][]logRow // by function
	perPage int

	mu   sync.Mutex
	reqs []string // request URIs
	hook func(w http.ResponseWriter, r *http.Request, n int) bool
}

type logRow struct {
	start time.Time
	raw   string
}

var logPath = regexp.MustCompile(`^/v1\.0/communications/callRecords/(getPstnCalls|getDirectRoutingCalls)\(fromDateTime=([^,]+),toDateTime=([^)]+)\)$`)

func newFakeLogs(t *testing.T) *fakeLogs {
	f := &fakeLogs{rows: map[string][]logRow{}, perPage: 1000}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeLogs) add(function string, start time.Time, id string) string {
	raw := fmt.Sprintf(`{"id":%q,"startDateTime":%q, "callerNumber":"+14255550100"}`, id, start.Format(time.RFC3339))
	f.rows[function] = append(f.rows[function], logRow{start, raw})
	return raw
}

func (f *fakeLogs) requests() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.reqs)
}

func (f *fakeLogs) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	n := len(f.reqs)
	f.reqs = append(f.reqs, r.URL.RequestURI())
	hook := f.hook
	f.mu.Unlock()
	if hook != nil && hook(w, r, n) {
		return
	}
	if r.Header.Get("Authorization") != "Bearer "+testToken {
		graphError(w, 401, "InvalidAuthenticationToken", "bad token")
		return
	}
	m := logPath.FindStringSubmatch(r.URL.Path)
	if m == nil {
		graphError(w, 404, "NotFound", "no such function")
		return
	}
	fn := m[1]
	from, err1 := time.Parse(time.RFC3339, m[2])
	to, err2 := time.Parse(time.RFC3339, m[3])
	if err1 != nil || err2 != nil {
		graphError(w, 400, "BadRequest", "bad dates")
		return
	}
	if fn == PSTNCalls && to.Sub(from) > 90*24*time.Hour {
		graphError(w, 400, "BadRequest", "The date range cannot be more than 90 days")
		return
	}
	var in []string
	for _, row := range f.rows[fn] {
		// getPstnCalls: toDateTime inclusive; getDirectRoutingCalls: exclusive.
		if !row.start.Before(from) && (row.start.Before(to) || fn == PSTNCalls && row.start.Equal(to)) {
			in = append(in, row.raw)
		}
	}
	skip, _ := strconv.Atoi(r.URL.Query().Get("$skip"))
	end := min(skip+f.perPage, len(in))
	var b strings.Builder
	fmt.Fprintf(&b, `{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.callRecords.%s)","@odata.count":%d,`,
		map[string]string{PSTNCalls: "pstnCallLogRow", DirectRoutingCalls: "directRoutingLogRow"}[fn], end-skip)
	b.WriteString(`"value":[` + strings.Join(in[skip:end], ",") + `]`)
	if end < len(in) {
		fmt.Fprintf(&b, `,"@odata.nextLink":%q`, f.srv.URL+r.URL.Path+"?$skip="+strconv.Itoa(end))
	}
	b.WriteString("}")
	writeJSON(w, 200, b.String())
}

func (f *fakeLogs) client(clk *fakeClock) *Client {
	return &Client{Root: f.srv.URL, Tokens: StaticToken(testToken), HTTP: f.srv.Client(), Sleep: clk.sleep, now: clk.now}
}

var logDay = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)

func TestCallLogPages(t *testing.T) {
	f := newFakeLogs(t)
	var want []string
	for i := range 2500 {
		want = append(want, f.add(DirectRoutingCalls, logDay.Add(time.Duration(i)*time.Second), fmt.Sprintf("r%04d", i)))
	}
	f.add(DirectRoutingCalls, logDay.Add(24*time.Hour), "the next day") // toDateTime is exclusive
	c := f.client(newFakeClock())
	var progress []string
	c.Progress = func(p Progress) { progress = append(progress, p.String()) }
	raw, err := c.CallLog(context.Background(), DirectRoutingCalls, logDay, logDay.Add(24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	reqs := f.requests()
	if len(reqs) != 3 || reqs[0] != "/v1.0/communications/callRecords/getDirectRoutingCalls(fromDateTime=2026-11-01T00:00:00Z,toDateTime=2026-11-02T00:00:00Z)" {
		t.Errorf("requests %q", reqs)
	}
	if got := rawElements(t, raw, "value"); !slices.Equal(got, want) {
		t.Errorf("%d rows, want %d byte-identical in order", len(got), len(want))
	}
	if strings.Contains(strings.ToLower(string(raw)), "nextlink") || !strings.Contains(gjson.GetBytes(raw, `@odata\.context`).String(), "directRoutingLogRow") {
		t.Errorf("merged: %.200s", raw)
	}
	if wantP := []string{"Direct Routing log page 1, 1000 rows so far", "Direct Routing log page 2, 2000 rows so far", "Direct Routing log page 3, 2500 rows so far"}; !slices.Equal(progress, wantP) {
		t.Errorf("progress %q", progress)
	}
}

// getPstnCalls takes at most 90 days a request: a longer range goes in
// parts, and a row on a seam (toDateTime is inclusive) is kept once.
// getDirectRoutingCalls documents no limit: one request.
func TestCallLogSplitsPSTNRanges(t *testing.T) {
	f := newFakeLogs(t)
	from, to := logDay, logDay.Add(200*24*time.Hour)
	seam := from.Add(90 * 24 * time.Hour)
	var want []string
	for _, d := range []time.Time{from, from.Add(time.Hour), seam, seam.Add(time.Hour), to.Add(-time.Hour)} {
		want = append(want, f.add(PSTNCalls, d, "p"+d.Format(time.RFC3339)))
		f.add(DirectRoutingCalls, d, "d"+d.Format(time.RFC3339))
	}
	c := f.client(newFakeClock())
	raw, err := c.CallLog(context.Background(), PSTNCalls, from, to)
	if err != nil {
		t.Fatal(err)
	}
	wantReqs := []string{
		"/v1.0/communications/callRecords/getPstnCalls(fromDateTime=2026-11-01T00:00:00Z,toDateTime=2027-01-30T00:00:00Z)",
		"/v1.0/communications/callRecords/getPstnCalls(fromDateTime=2027-01-30T00:00:00Z,toDateTime=2027-04-30T00:00:00Z)",
		"/v1.0/communications/callRecords/getPstnCalls(fromDateTime=2027-04-30T00:00:00Z,toDateTime=2027-05-20T00:00:00Z)",
	}
	if got := f.requests(); !slices.Equal(got, wantReqs) {
		t.Errorf("requests\n got %q\nwant %q", got, wantReqs)
	}
	if got := rawElements(t, raw, "value"); !slices.Equal(got, want) {
		t.Errorf("rows\n got %q\nwant %q", got, want)
	}

	n := len(f.requests())
	raw, err = c.CallLog(context.Background(), DirectRoutingCalls, from, to)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(f.requests()) - n; got != 1 {
		t.Errorf("Direct Routing: %d requests", got)
	}
	if got := len(rawElements(t, raw, "value")); got != 5 {
		t.Errorf("Direct Routing: %d rows", got)
	}
}

func TestSplitRange(t *testing.T) {
	d := 24 * time.Hour
	for _, tc := range []struct {
		days int
		want int
	}{{1, 1}, {90, 1}, {91, 2}, {180, 2}, {365, 5}} {
		parts := SplitRange(logDay, logDay.Add(time.Duration(tc.days)*d), MaxLogRange)
		if len(parts) != tc.want || !parts[0][0].Equal(logDay) || !parts[len(parts)-1][1].Equal(logDay.Add(time.Duration(tc.days)*d)) {
			t.Errorf("%d days: %v", tc.days, parts)
		}
		for i, p := range parts {
			if p[1].Sub(p[0]) > MaxLogRange || (i > 0 && !p[0].Equal(parts[i-1][1])) {
				t.Errorf("%d days: part %d %v", tc.days, i, p)
			}
		}
	}
}

func TestCallLogThrottled(t *testing.T) {
	f := newFakeLogs(t)
	f.add(PSTNCalls, logDay.Add(time.Hour), "p1")
	f.hook = func(w http.ResponseWriter, r *http.Request, n int) bool {
		if n == 0 {
			w.Header().Set("Retry-After", "7")
			graphError(w, 429, "TooManyRequests", "slow down")
			return true
		}
		return false
	}
	clk := newFakeClock()
	raw, err := f.client(clk).CallLog(context.Background(), PSTNCalls, logDay, logDay.Add(24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if w := clk.recorded(); !slices.Contains(w, 7*time.Second) {
		t.Errorf("waits %v: Retry-After not honoured", w)
	}
	if len(rawElements(t, raw, "value")) != 1 || len(f.requests()) != 2 {
		t.Errorf("requests %q", f.requests())
	}
}

func TestCallLogForbiddenNamesThePermission(t *testing.T) {
	f := newFakeLogs(t)
	f.hook = func(w http.ResponseWriter, r *http.Request, n int) bool {
		graphError(w, 403, "Forbidden", "Missing role permissions on the request. Token "+testToken)
		return true
	}
	_, err := f.client(newFakeClock()).CallLog(context.Background(), DirectRoutingCalls, logDay, logDay.Add(time.Hour))
	var le *LogError
	if !errors.As(err, &le) || !Forbidden(err) {
		t.Fatalf("got %T %v", err, err)
	}
	msg := err.Error()
	for _, want := range []string{"getDirectRoutingCalls", "CallRecord-PstnCalls.Read.All", "CallRecords.Read.All", "403 Forbidden", "request-id req-403"} {
		if !strings.Contains(msg, want) {
			t.Errorf("%q lacks %q", msg, want)
		}
	}
	if strings.Contains(msg, "SECRET") {
		t.Errorf("the token reached the error: %q", msg)
	}
	if len(f.requests()) != 1 {
		t.Errorf("a 403 is not retried: %d requests", len(f.requests()))
	}
}

func TestCallLogNotFoundNamesTheCloud(t *testing.T) {
	f := newFakeLogs(t)
	f.hook = func(w http.ResponseWriter, r *http.Request, n int) bool {
		graphError(w, 404, "NotFound", "Resource not found")
		return true
	}
	_, err := f.client(newFakeClock()).CallLog(context.Background(), PSTNCalls, logDay, logDay.Add(time.Hour))
	if err == nil || !strings.Contains(err.Error(), "global cloud") || strings.Contains(err.Error(), "30 days") {
		t.Errorf("got %v", err)
	}
}

func TestCallLogTooManyRows(t *testing.T) {
	f := newFakeLogs(t)
	f.perPage = 10
	for i := range 40 {
		f.add(DirectRoutingCalls, logDay.Add(time.Duration(i)*time.Second), fmt.Sprint(i))
	}
	old := maxLogRows
	maxLogRows = 25
	defer func() { maxLogRows = old }()
	_, err := f.client(newFakeClock()).CallLog(context.Background(), DirectRoutingCalls, logDay, logDay.Add(time.Hour))
	if err == nil || !strings.Contains(err.Error(), "shorter range") {
		t.Errorf("got %v", err)
	}
	if n := len(f.requests()); n != 3 {
		t.Errorf("%d requests: it stops once over", n)
	}
}

func TestCallLogRejectsBadArguments(t *testing.T) {
	f := newFakeLogs(t)
	c := f.client(newFakeClock())
	if _, err := c.CallLog(context.Background(), "getSmsLog", logDay, logDay.Add(time.Hour)); err == nil {
		t.Error("unknown function accepted")
	}
	if _, err := c.CallLog(context.Background(), PSTNCalls, logDay, logDay); err == nil {
		t.Error("empty range accepted")
	}
	if n := len(f.requests()); n != 0 {
		t.Errorf("%d requests", n)
	}
}
