package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/parquet-go/parquet-go"

	"github.com/callscope/callscope/internal/fakegraph"
	"github.com/callscope/callscope/load"
	"github.com/callscope/callscope/report"
)

func runArgs(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(""), &out, &errb, os.Getenv)
	return code, out.String(), errb.String()
}

// Used as a new user would: fetch from a Graph that pages, throttles and
// fails one record midway (exit 1), fetch again once it has recovered and
// a record has changed (exit 0), then export the archive to Parquet: every
// archived record's verdicts are its report's.
func TestFetchThenExport(t *testing.T) {
	fg := fakegraph.New(fakegraph.Options{SessionsPerPage: 60, ParticipantsPerPage: 50, RecordsPerPage: 2,
		ThrottleEvery: 5, RetryAfter: "0", Users: map[string]string{"alice@contoso.com": "821809f5-0000-0000-0000-3b5136c0e777"}})
	if err := fg.Generate(3, 130, 21); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(fg)
	defer srv.Close()
	t.Setenv("CALLSCOPE_ACCESS_TOKEN", fg.Token())
	ids := fg.IDs()
	fg.SetOptions(func(o *fakegraph.Options) { o.Fail = []string{ids[2]} })
	dir := filepath.Join(t.TempDir(), "archive")
	fetch := []string{"fetch", "--graph-url", srv.URL, "--from", "2026-02-17", "--to", "2026-02-18", "-o", dir}

	code, _, stderr := runArgs(t, fetch...)
	if code != exitRuntime || !strings.Contains(stderr, "call record "+ids[2]+": ") || !strings.Contains(stderr, "1 of 3 call records could not be fetched") {
		t.Fatalf("first run: exit %d\n%s", code, stderr)
	}
	if !strings.Contains(stderr, "fetched 2 records (260 sessions") || !strings.Contains(stderr, "Graph throttled") {
		t.Errorf("summary: %s", stderr)
	}
	if strings.Contains(stderr, fg.Token()) {
		t.Error("the token reached standard error")
	}

	fg.SetOptions(func(o *fakegraph.Options) { o.Fail = nil })
	fg.Bump(ids[0])
	code, _, stderr = runArgs(t, fetch...)
	if code != exitOK || !strings.Contains(stderr, "fetched 2 records") || !strings.Contains(stderr, "1 already there") {
		t.Fatalf("second run: exit %d\n%s", code, stderr)
	}
	archived, _ := filepath.Glob(filepath.Join(dir, "2026-02-17", "*.json.gz"))
	if len(archived) != 4 {
		t.Fatalf("archive holds %q", archived)
	}

	out := filepath.Join(t.TempDir(), "streams.parquet")
	code, _, stderr = runArgs(t, "export", "-o", out, dir)
	if code != exitOK {
		t.Fatalf("export: exit %d\n%s", code, stderr)
	}
	if st, err := os.Stat(out); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("the export is %v %v, want mode 0600", st.Mode(), err)
	}
	// What the README's DuckDB query does: count verdicts per call and
	// version.
	type key struct {
		call    string
		version int64
	}
	got := map[key]map[string]int{}
	rows := readParquet(t, out, "CallId", "Version", "Verdict")
	for _, r := range rows {
		k := key{r[0].String(), r[1].Int64()}
		if got[k] == nil {
			got[k] = map[string]int{}
		}
		got[k][r[2].String()]++
	}
	if len(got) != 4 {
		t.Errorf("%d call versions exported, want 4", len(got))
	}
	for _, path := range archived {
		f, err := load.Source(path, nil)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		report.Write(&b, f, report.FormatJSON)
		var rep struct {
			ID       string
			Version  int64
			Verdicts map[string]int
		}
		json.Unmarshal(b.Bytes(), &rep)
		if g := got[key{rep.ID, rep.Version}]; g["good"] != rep.Verdicts["good"] || g["poor"] != rep.Verdicts["poor"] || g["unclassified"] != rep.Verdicts["unclassified"] {
			t.Errorf("%s: export counts %v, report %v", filepath.Base(path), g, rep.Verdicts)
		}
	}

	// A UPN is resolved to the object id the list filter takes.
	before := len(fg.Requests())
	code, _, stderr = runArgs(t, append(fetch, "--participant", "alice@contoso.com")...)
	if code != exitOK {
		t.Fatalf("--participant: exit %d\n%s", code, stderr)
	}
	var filtered bool
	for _, uri := range fg.Requests()[before:] {
		if u, _ := url.Parse(uri); strings.Contains(u.Query().Get("$filter"), "participants_v2/any(p:p/id eq '821809f5-0000-0000-0000-3b5136c0e777')") {
			filtered = true
		}
	}
	if !filtered {
		t.Error("the list was not filtered by the user's object id")
	}
	fg.SetOptions(func(o *fakegraph.Options) { o.ForbidUsers = true })
	code, _, stderr = runArgs(t, append(fetch, "--participant", "alice@contoso.com")...)
	if code != exitRuntime || !strings.Contains(stderr, "User.Read.All") {
		t.Errorf("a refused look-up: exit %d\n%s", code, stderr)
	}
}

func readParquet(t *testing.T, path string, names ...string) [][]parquet.Value {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, _ := f.Stat()
	pf, err := parquet.OpenFile(f, st.Size())
	if err != nil {
		t.Fatal(err)
	}
	var cols []int
	for _, n := range names {
		leaf, ok := pf.Schema().Lookup(n)
		if !ok {
			t.Fatalf("no column %s", n)
		}
		cols = append(cols, leaf.ColumnIndex)
	}
	r := parquet.NewReader(pf)
	var out [][]parquet.Value
	for {
		rows := make([]parquet.Row, 64)
		n, err := r.ReadRows(rows)
		for _, row := range rows[:n] {
			vals := make([]parquet.Value, len(cols))
			for _, v := range row {
				for i, c := range cols {
					if v.Column() == c {
						vals[i] = v.Clone()
					}
				}
			}
			out = append(out, vals)
		}
		if errors.Is(err, io.EOF) || n == 0 {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func TestFetchUsage(t *testing.T) {
	for _, args := range [][]string{
		{"fetch"},
		{"fetch", "-o", "x", "extra"},
		{"fetch", "-o", "x", "--since", "1h", "--from", "2026-01-01"},
		{"fetch", "-o", "x", "--workers", "0"},
		{"export"},
		{"export", "--table", "calls", "x.json"},
		{"export", "--format", "xlsx", "x.json"},
		{"export", "--force", "x.json"},
	} {
		if code, _, stderr := runArgs(t, args...); code != exitUsage {
			t.Errorf("%q: exit %d, %s", args, code, stderr)
		}
	}
	for _, cmd := range []string{"fetch", "export"} {
		code, stdout, _ := runArgs(t, cmd, "-h")
		if code != exitOK || !strings.Contains(stdout, "Usage: callscope "+cmd) {
			t.Errorf("%s -h: exit %d\n%s", cmd, code, stdout)
		}
	}
}

// A bad file is told with its path and skipped; the rest is exported and
// the exit code is 1.
func TestExportBadFile(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"id":`), 0o600); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runArgs(t, "export", "--format", "csv", "samples/demo.json", bad)
	if code != exitRuntime || !strings.Contains(stderr, bad) || !strings.Contains(stderr, "1 of 2 sources could not be read") {
		t.Errorf("exit %d\n%s", code, stderr)
	}
	if n := strings.Count(stdout, "\r\n"); n != 24 { // the header and the demo's 23 streams
		t.Errorf("%d lines of CSV", n)
	}
}
