package archive

import (
	"compress/gzip"
	"context"
	"io"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tidwall/gjson"

	"github.com/callscope/callscope/graph"
	"github.com/callscope/callscope/internal/fakegraph"
	"github.com/callscope/callscope/load"
)

// fake serves three generated meetings of 130 sessions (three pages each)
// and 104 participants (three pages), listed two a page.
func fake(t *testing.T, o fakegraph.Options) (*fakegraph.Server, *httptest.Server) {
	t.Helper()
	o.ParticipantsPerPage, o.RecordsPerPage, o.RetryAfter = 50, 2, "0"
	s := fakegraph.New(o)
	if err := s.Generate(3, 130, 11); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return s, srv
}

func options(srv *httptest.Server, token, dir string) Options {
	limits := graph.NewLimits()
	return Options{
		Dir:  dir,
		List: graph.ListOptions{From: time.Date(2026, 2, 17, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 2, 18, 0, 0, 0, 0, time.UTC)},
		Client: func() *graph.Client {
			return &graph.Client{Root: srv.URL, Tokens: graph.StaticToken(token), HTTP: srv.Client(), Limits: limits,
				Sleep: func(ctx context.Context, d time.Duration) error { return ctx.Err() }}
		},
	}
}

// files lists the archive's files, relative, and fails on a temporary one.
func files(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if strings.HasSuffix(p, ".tmp") {
			t.Errorf("a temporary file is left: %s", rel)
		}
		info, _ := d.Info()
		if info.Mode().Perm() != 0o600 {
			t.Errorf("%s is %v, want 0600", rel, info.Mode().Perm())
		}
		out = append(out, rel)
		return nil
	})
	slices.Sort(out)
	return out
}

func gunzip(t *testing.T, path string) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestFetchPagesThrottlesFailsAndResumes(t *testing.T) {
	s, srv := fake(t, fakegraph.Options{SessionsPerPage: 60, ThrottleEvery: 4})
	ids := s.IDs()
	s.SetOptions(func(o *fakegraph.Options) { o.Fail = []string{ids[1]} })
	dir := filepath.Join(t.TempDir(), "archive")
	o := options(srv, s.Token(), dir)
	var mu sync.Mutex
	var failed []string
	o.Failed = func(id string, err error) {
		mu.Lock()
		failed = append(failed, id+": "+err.Error())
		mu.Unlock()
	}
	var progress []Progress
	o.Progress = func(p Progress) { progress = append(progress, p) }

	p, err := Fetch(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if p.Listed != 3 || p.Done != 2 || p.Failed != 1 || p.Skipped != 0 {
		t.Errorf("progress %+v", p)
	}
	if len(failed) != 1 || !strings.HasPrefix(failed[0], ids[1]+": ") || !strings.Contains(failed[0], "500") {
		t.Errorf("failures told: %q", failed)
	}
	if p.Limits.Throttled == 0 {
		t.Error("the fake throttled, but no throttling was counted")
	}
	if p.Sessions != 260 {
		t.Errorf("%d sessions, want 260 (every page of two records)", p.Sessions)
	}
	got := files(t, dir)
	if len(got) != 2 {
		t.Fatalf("files %q", got)
	}
	for _, rel := range got {
		raw := gunzip(t, filepath.Join(dir, rel))
		id, v, ok := ParseName(filepath.Base(rel))
		if !ok || !strings.HasPrefix(rel, "2026-02-17"+string(filepath.Separator)) {
			t.Errorf("file %s is not <date>/<id>.v<version>.json.gz", rel)
		}
		if gjson.GetBytes(raw, "id").String() != id || gjson.GetBytes(raw, "version").Int() != v {
			t.Errorf("%s holds record %s v%d", rel, gjson.GetBytes(raw, "id"), gjson.GetBytes(raw, "version").Int())
		}
		if n := len(gjson.GetBytes(raw, "sessions").Array()); n != 130 {
			t.Errorf("%s: %d sessions, want all 130", rel, n)
		}
		if n := len(gjson.GetBytes(raw, "participants_v2").Array()); n != 104 {
			t.Errorf("%s: %d participants, want all 104", rel, n)
		}
		if strings.Contains(string(raw), "nextLink") {
			t.Errorf("%s keeps a nextLink", rel)
		}
		if _, err := load.Load(rel, raw); err != nil {
			t.Errorf("%s does not load: %v", rel, err)
		}
	}
	if last := progress[len(progress)-1]; last.Done != 2 || last.Left() != 0 {
		t.Errorf("last progress %+v", last)
	}

	// Second run: the failed record comes, one record has a newer
	// version (written beside the old one), the third is skipped without
	// being fetched.
	s.SetOptions(func(o *fakegraph.Options) { o.Fail, o.ThrottleEvery = nil, 0 })
	s.Bump(ids[0])
	before := len(s.Requests())
	p, err = Fetch(context.Background(), o)
	if err != nil {
		t.Fatal(err)
	}
	if p.Done != 2 || p.Skipped != 1 || p.Failed != 0 {
		t.Errorf("second run %+v", p)
	}
	for _, uri := range s.Requests()[before:] {
		if strings.Contains(uri, ids[2]) {
			t.Errorf("the record already archived was fetched again: %s", uri)
		}
	}
	got = files(t, dir)
	var versions []string
	for _, rel := range got {
		if id, v, _ := ParseName(filepath.Base(rel)); id == ids[0] {
			versions = append(versions, Name(id, v))
		}
	}
	if len(got) != 4 || len(versions) != 2 {
		t.Errorf("after the second run: %q", got)
	}
}

// Cancelling leaves whole files only.
func TestFetchCancelLeavesWholeFiles(t *testing.T) {
	s, srv := fake(t, fakegraph.Options{SessionsPerPage: 10})
	dir := t.TempDir()
	o := options(srv, s.Token(), dir)
	ctx, cancel := context.WithCancel(context.Background())
	o.Progress = func(p Progress) {
		if p.Done == 1 || p.Sessions > 150 {
			cancel()
		}
	}
	_, err := Fetch(ctx, o)
	if err == nil {
		t.Fatal("a cancelled fetch returned no error")
	}
	for _, rel := range files(t, dir) {
		raw := gunzip(t, filepath.Join(dir, rel))
		if n := len(gjson.GetBytes(raw, "sessions").Array()); n != 130 {
			t.Errorf("%s holds %d sessions", rel, n)
		}
	}
}

func TestNamesAndIndex(t *testing.T) {
	for _, c := range []struct {
		name    string
		id      string
		version int64
		ok      bool
	}{
		{"2f1a.v3.json.gz", "2f1a", 3, true},
		{"a.v2.b.v10.json.gz", "a.v2.b", 10, true},
		{"x.v.json.gz", "", 0, false},
		{"x.v1.json", "", 0, false},
	} {
		id, v, ok := ParseName(c.name)
		if id != c.id || v != c.version || ok != c.ok {
			t.Errorf("%s: %q %d %v", c.name, id, v, ok)
		}
	}
	for _, bad := range []string{"../x", "a/b", "..", ".hidden", "a b", ""} {
		if _, err := fileID(bad); err == nil {
			t.Errorf("%q names a file", bad)
		}
	}
	dir := t.TempDir()
	os.MkdirAll(filepath.Join(dir, "2026-01-01"), 0o700)
	for _, n := range []string{"A.v1.json.gz", "a.v3.json.gz", "b.v2.json.gz", ".a.v9.json.gz.1.tmp", "notes.txt"} {
		if err := os.WriteFile(filepath.Join(dir, "2026-01-01", n), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	have, err := Index(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(have) != 2 || have["a"] != 3 || have["b"] != 2 {
		t.Errorf("index %v", have)
	}
	if got := dateDir("2026-11-29T23:30:00-02:00"); got != "2026-11-30" {
		t.Errorf("dateDir = %s, want the UTC date", got)
	}
	if got := dateDir(""); got != Undated {
		t.Errorf("no start: %s", got)
	}
}
