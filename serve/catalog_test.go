package serve

import (
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// The folder's records, newest first: by the archive's date folder, else by
// the file's time; hidden files and other files are left out; the picker
// shows the newest maxItems, and a call id finds any version's newest.
func TestCatalogOfTheRecordsFolder(t *testing.T) {
	dir := t.TempDir()
	write := func(rel string, mtime time.Time) {
		p := filepath.Join(dir, rel)
		os.MkdirAll(filepath.Dir(p), 0o700)
		os.WriteFile(p, []byte("{}"), 0o600)
		os.Chtimes(p, mtime, mtime)
	}
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	write("2026-11-01/aaa.v1.json.gz", now)                    // fetched today, call of 1 November
	write("2026-11-01/aaa.v3.json.gz", now)                    // a newer version of the same call
	write("2026-11-20/bbb.v2.json.gz", now.Add(-48*time.Hour)) // call of 20 November
	write("loose.json", now.Add(-5*24*time.Hour))              // an export of 25 November
	write("notes.txt", now)
	write(".hidden.json", now)
	write(".tmp/ccc.v1.json.gz", now)
	c := &catalog{dir: dir, dirTTL: time.Hour, now: func() time.Time { return now }}
	files, err := c.fileItems()
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, it := range files {
		got = append(got, filepath.ToSlash(it.rel))
	}
	want := []string{"loose.json", "2026-11-20/bbb.v2.json.gz", "2026-11-01/aaa.v1.json.gz", "2026-11-01/aaa.v3.json.gz"}
	if len(got) != len(want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %q, want %q", got, want)
		}
	}
	if it, ok := c.byID("AAA"); !ok || it.version != 3 {
		t.Fatalf("byID: %+v %v, want version 3", it, ok)
	}
	defer func(n int) { maxItems = n }(maxItems)
	maxItems = 2
	c = &catalog{dir: dir, dirTTL: time.Hour, now: func() time.Time { return now }}
	if files, _ := c.fileItems(); len(files) != 2 {
		t.Fatalf("%d items shown, want 2", len(files))
	}
	if it, ok := c.byID("aaa"); !ok || it.version != 3 {
		t.Fatalf("an id beyond the picker's items: %+v %v", it, ok)
	}
}

// A folder's walk holds no lock the other sessions need (Graph's lists,
// the logs), and sessions that ask while it runs share it: one walk.
func TestCatalogWalkHoldsNoLock(t *testing.T) {
	started, release := make(chan struct{}), make(chan struct{})
	var walks atomic.Int32
	now := time.Now()
	c := &catalog{dir: t.TempDir(), dirTTL: time.Hour, now: func() time.Time { return now },
		walk: func(dir string) ([]item, error) {
			if walks.Add(1) == 1 {
				close(started)
			}
			<-release
			return []item{{id: "aaa", version: 1}}, nil
		}}
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() {
			if files, err := c.fileItems(); err != nil || len(files) != 1 {
				t.Errorf("%v, %v", files, err)
			}
		})
	}
	<-started
	if !c.mu.TryLock() {
		t.Fatal("the catalog is locked while the folder is walked")
	}
	c.mu.Unlock()
	close(release)
	wg.Wait()
	if it, ok := c.byID("AAA"); !ok || it.version != 1 || walks.Load() != 1 {
		t.Errorf("byID %v %v after %d walks; want the record, one walk", it, ok, walks.Load())
	}
}
