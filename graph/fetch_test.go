package graph

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/callscope/callscope/load"
	"github.com/tidwall/gjson"
)

func rawElements(t *testing.T, raw []byte, key string) []string {
	t.Helper()
	v := gjson.GetBytes(raw, key)
	if !v.IsArray() {
		t.Fatalf("%s is not an array in %.300s", key, raw)
	}
	return elements(v)
}

func topKeys(raw []byte) []string {
	var keys []string
	gjson.ParseBytes(raw).ForEach(func(k, _ gjson.Result) bool {
		keys = append(keys, k.String())
		return true
	})
	return keys
}

func TestFetchRecordPagesAndMerges(t *testing.T) {
	f := newFakeGraph(t, 200, 150) // sessions 60+60+60+20, participants 130+20
	clk := newFakeClock()
	c := f.client(clk)
	var progress []string
	c.Progress = func(p Progress) { progress = append(progress, p.String()) }

	raw, warnings, err := c.FetchRecord(context.Background(), f.id, false)
	if err != nil {
		t.Fatal(err)
	}
	if len(warnings) != 0 {
		t.Errorf("warnings: %q", warnings)
	}
	if !gjson.ValidBytes(raw) {
		t.Fatalf("merged record is not JSON: %.500s", raw)
	}
	if got := rawElements(t, raw, "sessions"); !slices.Equal(got, f.sessions) {
		t.Errorf("sessions: got %d, want %d byte-identical in order", len(got), len(f.sessions))
	}
	if got := rawElements(t, raw, "participants_v2"); !slices.Equal(got, f.participants) {
		t.Errorf("participants_v2: got %d, want %d byte-identical in order", len(got), len(f.participants))
	}
	if strings.Contains(strings.ToLower(string(raw)), "nextlink") {
		t.Errorf("a nextLink is left in the merged record")
	}
	wantKeys := []string{"@odata.context", "version", "type", "modalities", "id", "organizer_v2",
		"participants_v2@odata.context", "sessions@odata.context", "sessions", "startDateTime", "endDateTime", "participants_v2"}
	if got := topKeys(raw); !slices.Equal(got, wantKeys) {
		t.Errorf("members:\n got %q\nwant %q", got, wantKeys)
	}
	if got := gjson.GetBytes(raw, `@odata\.context`).String(); !strings.Contains(got, "$metadata#communications/callRecords") {
		t.Errorf("@odata.context = %q", got)
	}

	wantPaths := []string{
		"/v1.0/communications/callRecords/" + f.id + "?$expand=sessions($expand=segments)",
		"/v1.0/communications/callRecords/" + f.id + "/sessions?$expand=segments&$skiptoken=60",
		"/v1.0/communications/callRecords/" + f.id + "/sessions?$expand=segments&$skiptoken=120",
		"/v1.0/communications/callRecords/" + f.id + "/sessions?$expand=segments&$skiptoken=180",
		"/v1.0/communications/callRecords/" + f.id + "/participants_v2",
		"/v1.0/communications/callRecords/" + f.id + "/participants_v2?$skiptoken=130",
	}
	if got := f.paths(); !slices.Equal(got, wantPaths) {
		t.Errorf("requests:\n got %q\nwant %q", got, wantPaths)
	}
	for _, r := range f.requests() {
		for h, want := range map[string]string{
			"Authorization": "Bearer " + testToken,
			"Accept":        "application/json",
			"Prefer":        "include-unknown-enum-members",
			"User-Agent":    "callscope",
		} {
			if got := r.Header.Get(h); got != want {
				t.Errorf("%s: header %s = %q, want %q", r.URL.Path, h, got, want)
			}
		}
		if r.Header.Get("client-request-id") == "" {
			t.Errorf("%s: no client-request-id", r.URL.Path)
		}
	}
	wantProgress := []string{
		"call record, 60 sessions so far",
		"sessions page 2, 120 sessions so far",
		"sessions page 3, 180 sessions so far",
		"sessions page 4, 200 sessions so far",
		"participants page 1, 130 participants so far",
		"participants page 2, 150 participants so far",
	}
	if !slices.Equal(progress, wantProgress) {
		t.Errorf("progress:\n got %q\nwant %q", progress, wantProgress)
	}
	if w := clk.recorded(); len(w) != 0 {
		t.Errorf("waited %v without throttling", w)
	}

	// What the rest of the program does with the bytes.
	file, err := load.Load("live", raw)
	if err != nil {
		t.Fatal(err)
	}
	rec := file.Records[0]
	if len(rec.Sessions) != 200 || len(rec.Participants) != 150 || rec.ParticipantsFrom != "participants_v2" {
		t.Errorf("data.Load: %d sessions, %d participants from %q", len(rec.Sessions), len(rec.Participants), rec.ParticipantsFrom)
	}
	for _, w := range append(file.Warnings, rec.Warnings...) {
		if strings.Contains(strings.ToLower(w), "nextlink") || strings.Contains(w, "page") {
			t.Errorf("data.Load warns about paging: %s", w)
		}
	}
}

func TestFetchRecordOnePageReplacesInPlace(t *testing.T) {
	f := newFakeGraph(t, 5, 3)
	f.recordPrefix = `"participants_v2":[],`
	c := f.client(newFakeClock())
	raw, _, err := c.FetchRecord(context.Background(), f.id, false)
	if err != nil {
		t.Fatal(err)
	}
	keys := topKeys(raw)
	if i := slices.Index(keys, "participants_v2"); i != 5 || strings.Count(string(raw), `"participants_v2":`) != 1 {
		t.Errorf("participants_v2 not replaced in place: %q", keys)
	}
	if got := rawElements(t, raw, "participants_v2"); !slices.Equal(got, f.participants) {
		t.Errorf("participants: %q", got)
	}
	if got := rawElements(t, raw, "sessions"); !slices.Equal(got, f.sessions) {
		t.Errorf("sessions: %d", len(got))
	}
	if n := len(f.requests()); n != 2 {
		t.Errorf("%d requests, want 2", n)
	}
}

func TestFetchRecordAllowPartial(t *testing.T) {
	for _, tc := range []struct {
		name          string
		failPath      string // requests whose URI contains this fail with 500
		sessions      int
		participants  int
		participantsV bool // participants_v2 present in the result
		warning       string
		errWant       string
	}{
		{"sessions page 3", "sessions?$expand=segments&$skiptoken=120", 120, 150, true,
			"sessions are missing: page 3 failed: Graph failed (500 InternalServerError: boom)", "sessions page 3"},
		{"participants page 2", "participants_v2?$skiptoken=130", 200, 130, true,
			"participants are missing: page 2 failed: Graph failed (500", "participants page 2"},
		{"participants page 1", "/participants_v2", 200, 0, false,
			"participants are missing: page 1 failed:", "participants page 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeGraph(t, 200, 150)
			f.hook = func(w http.ResponseWriter, r *http.Request, n int) bool {
				if strings.HasSuffix(r.URL.RequestURI(), tc.failPath) {
					graphError(w, 500, "InternalServerError", "boom")
					return true
				}
				return false
			}
			c := f.client(newFakeClock())
			raw, warnings, err := c.FetchRecord(context.Background(), f.id, false)
			if err == nil || raw != nil || warnings != nil {
				t.Fatalf("default: want a failure, got err=%v, %d bytes", err, len(raw))
			}
			if !strings.Contains(err.Error(), tc.errWant) {
				t.Errorf("default error %q does not name %q", err, tc.errWant)
			}

			c = f.client(newFakeClock())
			raw, warnings, err = c.FetchRecord(context.Background(), f.id, true)
			if err != nil {
				t.Fatal(err)
			}
			if len(warnings) != 1 || !strings.Contains(warnings[0], tc.warning) {
				t.Fatalf("warnings %q, want one containing %q", warnings, tc.warning)
			}
			t.Log(warnings[0])
			if got := rawElements(t, raw, "sessions"); !slices.Equal(got, f.sessions[:tc.sessions]) {
				t.Errorf("sessions: %d, want the first %d", len(got), tc.sessions)
			}
			p := gjson.GetBytes(raw, "participants_v2")
			if p.Exists() != tc.participantsV {
				t.Errorf("participants_v2 exists = %v", p.Exists())
			}
			if tc.participantsV && !slices.Equal(elements(p), f.participants[:tc.participants]) {
				t.Errorf("participants: %d, want %d", len(elements(p)), tc.participants)
			}
			if strings.Contains(strings.ToLower(string(raw)), "nextlink") {
				t.Errorf("a nextLink is left")
			}
		})
	}
}

func TestFetchRecordRefusesForeignNextLink(t *testing.T) {
	evil := newFakeGraph(t, 1, 1)
	f := newFakeGraph(t, 10, 1)
	f.sessionsPerPage = 5
	f.hook = func(w http.ResponseWriter, r *http.Request, n int) bool {
		if strings.HasSuffix(r.URL.Path, "/sessions") {
			writeJSON(w, 200, `{"value":[],"@odata.nextLink":"`+evil.url(r.URL.RequestURI())+`"}`)
			return true
		}
		return false
	}
	// The record's own sessions@odata.nextLink points at f; its first page's
	// @odata.nextLink at evil.
	c := f.client(newFakeClock())
	_, _, err := c.FetchRecord(context.Background(), f.id, false)
	if err == nil || !strings.Contains(err.Error(), "refusing to follow a nextLink to "+evil.srv.URL) {
		t.Fatalf("err = %v", err)
	}
	if strings.Contains(err.Error(), testToken) {
		t.Errorf("token in error")
	}
	_, warnings, err := f.client(newFakeClock()).FetchRecord(context.Background(), f.id, true)
	if err != nil || len(warnings) != 1 || !strings.Contains(warnings[0], "sessions are missing: page 3 failed: sessions page 3: refusing") {
		t.Errorf("allowPartial: err %v, warnings %q", err, warnings)
	}
	if n := len(evil.requests()); n != 0 {
		t.Errorf("the foreign host got %d requests", n)
	}
}

func TestFetchRecordFollowsGraphHostThroughProxy(t *testing.T) {
	// Root is a proxy (--graph-url); Graph's nextLinks name Graph itself.
	f := newFakeGraph(t, 10, 1)
	f.sessionsPerPage = 5
	f.hook = func(w http.ResponseWriter, r *http.Request, n int) bool {
		if n == 0 {
			writeJSON(w, 200, `{"id":"x","sessions":[{"id":"a"}],"sessions@odata.nextLink":"https://graph.microsoft.com/v1.0/communications/callRecords/x/sessions?$skiptoken=1"}`)
			return true
		}
		if strings.HasSuffix(r.URL.Path, "/x/sessions") {
			writeJSON(w, 200, `{"value":[{"id":"b"}]}`)
			return true
		}
		return false
	}
	raw, _, err := f.client(newFakeClock()).FetchRecord(context.Background(), f.id, true)
	if err != nil {
		t.Fatal(err)
	}
	if got := rawElements(t, raw, "sessions"); !slices.Equal(got, []string{`{"id":"a"}`, `{"id":"b"}`}) {
		t.Errorf("sessions %q", got)
	}
	if got := f.paths()[1]; got != "/v1.0/communications/callRecords/x/sessions?$skiptoken=1" {
		t.Errorf("second request %q", got)
	}
}

func TestFetchRecordStopsARepeatingNextLink(t *testing.T) {
	f := newFakeGraph(t, 3, 2)
	f.hook = func(w http.ResponseWriter, r *http.Request, n int) bool {
		if strings.HasSuffix(r.URL.Path, "/participants_v2") {
			// As in Microsoft's own example: a nextLink to the same URL.
			writeJSON(w, 200, `{"value":[{"id":"p"}],"@odata.nextLink":"`+f.url(r.URL.Path)+`"}`)
			return true
		}
		return false
	}
	_, _, err := f.client(newFakeClock()).FetchRecord(context.Background(), f.id, false)
	if err == nil || !strings.Contains(err.Error(), "participants page 2: Graph's nextLink repeats a page") {
		t.Fatalf("err = %v", err)
	}
}

func TestFetchRecordNotJSON(t *testing.T) {
	f := newFakeGraph(t, 1, 1)
	f.hook = func(w http.ResponseWriter, r *http.Request, n int) bool {
		w.Header().Set("Content-Type", "text/html")
		w.Write([]byte("<html><body>Sign in to the proxy</body></html>"))
		return true
	}
	_, _, err := f.client(newFakeClock()).FetchRecord(context.Background(), f.id, false)
	if err == nil || !strings.Contains(err.Error(), "not JSON") {
		t.Fatalf("err = %v", err)
	}
}

func TestCheckRecordID(t *testing.T) {
	for in, want := range map[string]string{
		"2f1a1100-b174-40a0-aba7-0b405e01ed92":     "2f1a1100-b174-40a0-aba7-0b405e01ed92",
		"  2f1a1100-b174-40a0-aba7-0b405e01ed92\n": "2f1a1100-b174-40a0-aba7-0b405e01ed92",
		"{2F1A1100-B174-40A0-ABA7-0B405E01ED92}":   "2F1A1100-B174-40A0-ABA7-0B405E01ED92",
		"abc_def.1":                                "abc_def.1",
	} {
		if got, err := CheckRecordID(in); err != nil || got != want {
			t.Errorf("CheckRecordID(%q) = %q, %v", in, got, err)
		}
	}
	for _, in := range []string{"", " ", "a/b", "../callRecords", "..", "a?b", "a#b", "a%2fb", "a b", "a\\b", "a\x1b[31m", "é", strings.Repeat("a", 201)} {
		if got, err := CheckRecordID(in); err == nil {
			t.Errorf("CheckRecordID(%q) = %q, want an error", in, got)
		} else if strings.ContainsAny(err.Error(), "\x1b\n") {
			t.Errorf("error not cleaned: %q", err)
		}
	}
	f := newFakeGraph(t, 1, 1)
	if _, _, err := f.client(newFakeClock()).FetchRecord(context.Background(), "x/../../me", false); err == nil {
		t.Error("a path in the id was accepted")
	}
	if n := len(f.requests()); n != 0 {
		t.Errorf("%d requests for a bad id", n)
	}
}

func TestFetchRecordBadRoot(t *testing.T) {
	for _, root := range []string{"", "graph.microsoft.com", "ftp://x", "https://x/?a=b"} {
		c := &Client{Root: root, Tokens: StaticToken("t")}
		if _, _, err := c.FetchRecord(context.Background(), "abc", false); err == nil || !strings.Contains(err.Error(), "not valid") {
			t.Errorf("Root %q: err = %v", root, err)
		}
	}
	c := &Client{Root: "https://graph.microsoft.com"}
	if _, _, err := c.FetchRecord(context.Background(), "abc", false); err == nil || !errors.Is(err, err) || !strings.Contains(err.Error(), "no token source") {
		t.Errorf("no tokens: %v", err)
	}
}
