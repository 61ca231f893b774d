package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/callscope/callscope/samples"
)

const testToken = "test-token-do-not-print"

// fakeGraph serves the demo record in pages of two sessions and one
// participant, and a two-page list of records. Nothing leaves this machine.
func fakeGraph(t *testing.T) *httptest.Server {
	t.Helper()
	var demo map[string]json.RawMessage
	if err := json.Unmarshal(samples.Demo, &demo); err != nil {
		t.Fatal(err)
	}
	var sessions, people []json.RawMessage
	json.Unmarshal(demo["sessions"], &sessions)
	json.Unmarshal(demo["participants_v2"], &people)
	var id string
	json.Unmarshal(demo["id"], &id)
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if r.Header.Get("Authorization") != "Bearer "+testToken {
			w.WriteHeader(401)
			fmt.Fprint(w, `{"error":{"code":"InvalidAuthenticationToken","message":"Access token validation failure."}}`)
			return
		}
		base := srv.URL + "/v1.0/communications/callRecords"
		page := func(items []json.RawMessage, from, size int, next string) ([]json.RawMessage, string) {
			end := min(from+size, len(items))
			if end < len(items) {
				return items[from:end], next
			}
			return items[from:end], ""
		}
		obj := func(m map[string]any) { json.NewEncoder(w).Encode(m) }
		var from int
		fmt.Sscan(r.URL.Query().Get("skip"), &from)
		switch r.URL.Path {
		case "/v1.0/communications/callRecords/" + id:
			rec := map[string]any{}
			for k, v := range demo {
				if k != "sessions" && k != "participants_v2" {
					rec[k] = v
				}
			}
			items, next := page(sessions, 0, 2, base+"/"+id+"/sessions?skip=2")
			rec["sessions"] = items
			if next != "" {
				rec["sessions@odata.nextLink"] = next
			}
			obj(rec)
		case "/v1.0/communications/callRecords/" + id + "/sessions":
			items, next := page(sessions, from, 2, fmt.Sprintf("%s/%s/sessions?skip=%d", base, id, from+2))
			m := map[string]any{"value": items}
			if next != "" {
				m["@odata.nextLink"] = next
			}
			obj(m)
		case "/v1.0/communications/callRecords/" + id + "/participants_v2":
			items, next := page(people, from, 4, fmt.Sprintf("%s/%s/participants_v2?skip=%d", base, id, from+4))
			m := map[string]any{"value": items}
			if next != "" {
				m["@odata.nextLink"] = next
			}
			obj(m)
		case "/v1.0/communications/callRecords":
			if !strings.Contains(r.URL.Query().Get("$filter"), "startDateTime ge 2026-11-01T00:00:00Z") && from == 0 {
				t.Errorf("list filter %q", r.URL.Query().Get("$filter"))
			}
			list := []json.RawMessage{
				json.RawMessage(`{"id":"` + id + `","type":"groupCall","version":2,"modalities":["audio"],"startDateTime":"2026-11-01T09:00:00Z","endDateTime":"2026-11-01T09:30:00Z","organizer_v2":{"identity":{"user":{"displayName":"Alice Okafor"}}}}`),
				json.RawMessage(`{"id":"22222222-2222-4222-8222-222222222222","type":"peerToPeer","version":1,"modalities":["audio","video"],"startDateTime":"2026-11-01T10:00:00Z","endDateTime":"2026-11-01T10:05:00Z"}`),
			}
			items, next := page(list, from, 1, base+"?skip=1")
			m := map[string]any{"value": items}
			if next != "" {
				m["@odata.nextLink"] = next
			}
			obj(m)
		default:
			w.WriteHeader(404)
			fmt.Fprint(w, `{"error":{"code":"NotFound","message":"Not found."}}`)
		}
	}))
	t.Cleanup(srv.Close)
	t.Setenv("CALLSCOPE_GRAPH_URL", srv.URL)
	t.Setenv("CALLSCOPE_ACCESS_TOKEN", testToken)
	return srv
}

const demoID = "b3f0c6a2-7d41-4e9b-8c15-2f6e9a4d7b38"

func TestFetchByIDEveryPageAndSave(t *testing.T) {
	fakeGraph(t)
	code, live, errs := runCLI(t, "", "report", "--format", "json", "--id", demoID)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	_, file, _ := runCLI(t, "", "report", "--format", "json")
	// This fake serves no PSTN logs: the fetch says they failed (404),
	// the file that they were not fetched; the rest is the same.
	if cut := func(s string) string { return s[:max(strings.Index(s, `,"pstn":[`), 0)] }; cut(live) != cut(file) || cut(live) == "" {
		t.Errorf("the fetched record's report differs from the demo file's:\n%s\n%s", live, file)
	}
	saved := filepath.Join(t.TempDir(), "call.json")
	if code, _, errs := runCLI(t, "", "report", "--id", demoID, "--save", saved); code != 0 {
		t.Fatalf("save: exit %d %s", code, errs)
	}
	b, err := os.ReadFile(saved)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "nextLink") {
		t.Error("the saved record still holds nextLinks")
	}
	if _, again, _ := runCLI(t, "", "report", "--format", "json", saved); again != live {
		t.Error("reopening the saved file gives another report than the live fetch")
	}
	code, _, errs = runCLI(t, "", "report", "--id", demoID, "--save", saved)
	if code != 1 || !strings.Contains(errs, "add --force") {
		t.Errorf("overwrite without --force: exit %d %q", code, errs)
	}
	if code, _, errs := runCLI(t, "", "report", "--id", demoID, "--save", saved, "--force"); code != 0 {
		t.Errorf("--force: exit %d %q", code, errs)
	}
}

func TestFetchErrorsSayWhatToDo(t *testing.T) {
	fakeGraph(t)
	code, _, errs := runCLI(t, "", "report", "--id", "00000000-0000-0000-0000-000000000000")
	if code != 1 || !strings.Contains(errs, "30 days") || strings.Count(errs, "\n") != 1 {
		t.Errorf("404: exit %d %q", code, errs)
	}
	t.Setenv("CALLSCOPE_ACCESS_TOKEN", "wrong-"+testToken)
	code, _, errs = runCLI(t, "", "report", "--id", demoID)
	if code != 1 || !strings.Contains(errs, "401") || strings.Contains(errs, testToken) {
		t.Errorf("401: exit %d %q", code, errs)
	}
	for _, args := range [][]string{
		{"report", "--id", demoID, "x.json"},
		{"report", "--save", "x.json"},
		{"report", "--id", demoID, "--cloud", "china"},
		{"list", "--since", "1h", "--from", "2026-11-01"},
		{"list", "--participant", "not-a-guid"},
	} {
		if code, _, errs := runCLI(t, "", args...); code != 2 {
			t.Errorf("%v: exit %d %q, want a usage error", args, code, errs)
		}
	}
}

func TestListEveryPage(t *testing.T) {
	fakeGraph(t)
	code, out, errs := runCLI(t, "", "list", "--from", "2026-11-01", "--to", "2026-11-02", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d %s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d records, want 2 (both pages):\n%s", len(lines), out)
	}
	if lines[0] != `{"id":"`+demoID+`","type":"groupCall","startDateTime":"2026-11-01T09:00:00Z","endDateTime":"2026-11-01T09:30:00Z","organizer":"Alice Okafor","modalities":["audio"],"version":2}` {
		t.Errorf("json line %s", lines[0])
	}
	code, out, _ = runCLI(t, "", "list", "--from", "2026-11-01", "--to", "2026-11-02")
	if code != 0 || !strings.Contains(out, "2026-11-01 09:00:00 UTC") || !strings.Contains(out, "Alice Okafor") || !strings.HasPrefix(out, "START") {
		t.Errorf("table:\n%s", out)
	}
}

// A --graph-url with Graph's version on works as the root (issue 13: it
// was a 404 read as "older than 30 days"); /beta is refused as a usage
// error, before any request.
func TestGraphURLWithTheVersion(t *testing.T) {
	srv := fakeGraph(t)
	for _, u := range []string{srv.URL + "/v1.0", srv.URL + "/v1.0/", srv.URL + "/V1.0//"} {
		code, out, errs := runCLI(t, "", "report", "--format", "json", "--graph-url", u, "--id", demoID)
		if code != exitOK || !strings.Contains(out, `"id":"`+demoID+`"`) {
			t.Errorf("--graph-url %s: exit %d, stderr %q", u, code, errs)
		}
	}
	t.Setenv("CALLSCOPE_GRAPH_URL", srv.URL+"/v1.0")
	if code, _, errs := runCLI(t, "", "list", "--from", "2026-11-01", "--to", "2026-11-02"); code != exitOK {
		t.Errorf("CALLSCOPE_GRAPH_URL with /v1.0: exit %d, stderr %q", code, errs)
	}
	for _, u := range []string{srv.URL + "/beta", srv.URL + "/beta/"} {
		code, out, errs := runCLI(t, "", "report", "--graph-url", u, "--id", demoID)
		if code != exitUsage || out != "" || strings.Count(errs, "\n") != 1 || !strings.Contains(errs, "v1.0") || !strings.Contains(errs, "e.g. "+srv.URL+"\n") {
			t.Errorf("--graph-url %s: exit %d, stdout %q, stderr %q", u, code, out, errs)
		}
	}
}
