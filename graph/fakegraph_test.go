package graph

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeGraph is an in-process Microsoft Graph for call records: one record
// whose sessions and participants_v2 come in pages, and the list of
// records, all behind a bearer check. hook may answer any request first.
type fakeGraph struct {
	srv   *httptest.Server
	token string

	id                  string
	sessions            []string // raw JSON of each session
	participants        []string
	records             []string // for the list
	sessionsPerPage     int
	participantsPerPage int
	recordsPerPage      int
	// recordPrefix/recordSuffix: members before and after "sessions"
	recordPrefix, recordSuffix string

	mu   sync.Mutex
	reqs []*http.Request // every request received, body-less clones
	hook func(w http.ResponseWriter, r *http.Request, n int) bool
}

const testToken = "eyJ0eXAi.SECRET-test-token.abc123"

func newFakeGraph(t *testing.T, nSessions, nParticipants int) *fakeGraph {
	f := &fakeGraph{
		token:               testToken,
		id:                  "2f1a1100-b174-40a0-aba7-0b405e01ed92",
		sessionsPerPage:     60,
		participantsPerPage: 130,
		recordsPerPage:      60,
	}
	for i := range nSessions {
		f.sessions = append(f.sessions, testSession(i))
	}
	for i := range nParticipants {
		f.participants = append(f.participants, testParticipant(i))
	}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

// testSession has odd spacing and escapes, so that byte-identical copying
// is tested, and enough of a session for data.Load.
func testSession(i int) string {
	return fmt.Sprintf(`{"modalities": [ "audio" ],"startDateTime":"2026-11-01T10:%02d:00Z","endDateTime":"2026-11-01T11:00:00Z","id":"sess-%03d","isTest":false,`+
		`"caller":{"@odata.type":"#microsoft.graph.callRecords.participantEndpoint","name":"caf\u00e9 \"%d\"","userAgent":{"@odata.type":"#microsoft.graph.callRecords.clientUserAgent","platform":"windows","productFamily":"teams"},`+
		`"associatedIdentity":{"id":"user-%d","displayName":"User %d"}},`+
		`"callee":{"@odata.type":"#microsoft.graph.callRecords.serviceEndpoint","userAgent":{"@odata.type":"#microsoft.graph.callRecords.serviceUserAgent","role":"skypeForBusinessAudioVideoMcu"}},`+
		`"segments":[ {"id":"seg-%03d" , "media":[]} ]  }`, i%60, i, i, i, i, i)
}

func testParticipant(i int) string {
	return fmt.Sprintf(`{"id":"p-%03d","identity":{"user":{"id":"p-%03d", "displayName":"Person\t%d"},"acsUser":null}}`, i, i, i)
}

func testRecord(i int) string {
	return fmt.Sprintf(`{"id":"rec-%03d","type":"groupCall","startDateTime":"2026-11-01T10:00:00Z","modalities":["audio"] ,"version":1}`, i)
}

func (f *fakeGraph) url(path string) string { return f.srv.URL + path }

func (f *fakeGraph) requests() []*http.Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]*http.Request(nil), f.reqs...)
}

func (f *fakeGraph) paths() []string {
	var out []string
	for _, r := range f.requests() {
		out = append(out, r.URL.RequestURI())
	}
	return out
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	fmt.Fprint(w, body)
}

// graphError writes Graph's error body, with a request-id header.
func graphError(w http.ResponseWriter, status int, code, msg string) {
	w.Header().Set("request-id", "req-"+strconv.Itoa(status))
	c, _ := json.Marshal(code)
	m, _ := json.Marshal(msg)
	writeJSON(w, status, fmt.Sprintf(`{"error":{"code":%s,"message":%s,"innerError":{"date":"2026-11-01T10:00:00","request-id":"req-%d"}}}`, c, m, status))
}

func (f *fakeGraph) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	n := len(f.reqs)
	f.reqs = append(f.reqs, r.Clone(context.Background()))
	hook := f.hook
	f.mu.Unlock()
	if hook != nil && hook(w, r, n) {
		return
	}
	if r.Header.Get("Authorization") != "Bearer "+f.token {
		graphError(w, 401, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience.")
		return
	}
	rec := "/v1.0/communications/callRecords/" + f.id
	q := r.URL.Query()
	skip, _ := strconv.Atoi(q.Get("$skiptoken"))
	switch r.URL.Path {
	case rec:
		if q.Get("$expand") != "sessions($expand=segments)" {
			graphError(w, 400, "BadRequest", "expected $expand")
			return
		}
		end := min(f.sessionsPerPage, len(f.sessions))
		var b strings.Builder
		fmt.Fprintf(&b, `{"@odata.context":"%s/v1.0/$metadata#communications/callRecords(sessions(segments()))/$entity",`+
			`"version":3,"type":"groupCall","modalities":["audio"],"id":%q,`, f.srv.URL, f.id)
		b.WriteString(f.recordPrefix)
		b.WriteString(`"organizer_v2":{"id":"p-000","identity":{"user":{"id":"p-000","displayName":"Person 0"}}},`)
		b.WriteString(`"participants_v2@odata.context":"ctx",`)
		b.WriteString(`"sessions@odata.context":"ctx2",`)
		b.WriteString("\"sessions\": [\n  " + strings.Join(f.sessions[:end], ",\n  ") + "\n],")
		if end < len(f.sessions) {
			fmt.Fprintf(&b, `"sessions@odata.nextLink":%q,`, f.url(rec+"/sessions?$expand=segments&$skiptoken="+strconv.Itoa(end)))
		}
		b.WriteString(f.recordSuffix)
		b.WriteString(`"startDateTime":"2026-11-01T10:00:00Z","endDateTime":"2026-11-01T11:00:00Z"}`)
		writeJSON(w, 200, b.String())
	case rec + "/sessions":
		f.writePage(w, f.sessions, skip, f.sessionsPerPage, rec+"/sessions?$expand=segments&$skiptoken=")
	case rec + "/participants_v2":
		f.writePage(w, f.participants, skip, f.participantsPerPage, rec+"/participants_v2?$skiptoken=")
	case "/v1.0/communications/callRecords":
		next := "/v1.0/communications/callRecords?"
		if fl := q.Get("$filter"); fl != "" {
			next += "$filter=" + strings.ReplaceAll(escapeQuery(fl), "+", "%20") + "&"
		}
		f.writePage(w, f.records, skip, f.recordsPerPage, next+"$skiptoken=")
	default:
		graphError(w, 404, "NotFound", "Resource not found for the segment '"+r.URL.Path+"'.")
	}
}

// writePage writes elems[skip:skip+per], the nextLink first (as Graph may),
// with odd spacing between elements.
func (f *fakeGraph) writePage(w http.ResponseWriter, elems []string, skip, per int, next string) {
	end := min(skip+per, len(elems))
	var b strings.Builder
	b.WriteString(`{"@odata.context":"ctx",`)
	if end < len(elems) {
		fmt.Fprintf(&b, `"@odata.nextLink":%q,`, f.url(next+strconv.Itoa(end)))
	}
	b.WriteString("\"value\":[ " + strings.Join(elems[skip:end], " ,\n") + " ]}")
	writeJSON(w, 200, b.String())
}

// fakeClock is the time a Client sees; sleeping records the wait and moves
// the clock on at once.
type fakeClock struct {
	mu    sync.Mutex
	t     time.Time
	waits []time.Duration
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.waits = append(c.waits, d)
	c.t = c.t.Add(d)
	return nil
}

func (c *fakeClock) recorded() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.waits...)
}

func (f *fakeGraph) client(clk *fakeClock) *Client {
	return &Client{
		Root:   f.srv.URL,
		Tokens: StaticToken(f.token),
		HTTP:   f.srv.Client(),
		Sleep:  clk.sleep,
		now:    clk.now,
	}
}

func escapeQuery(s string) string { return url.QueryEscape(s) }
