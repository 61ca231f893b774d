package serve

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/callscope/callscope/samples"
)

// Files not named in the archive's layout are found by the id of the
// record they hold: plain, gzip, UTF-16, with the sessions first (read
// whole when small); a file that is no single record, or whose id comes
// only after more than wholeBytes, has none. Each file is read once until
// its size or time changes.
func TestCatalogKnowsExportsByTheirOwnID(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)
	write := func(rel string, b []byte) {
		p := filepath.Join(dir, rel)
		os.MkdirAll(filepath.Dir(p), 0o700)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		os.Chtimes(p, now, now)
	}
	write("exports/demo.json", samples.Demo)
	writeGzip(t, filepath.Join(dir, "g.json.gz"), []byte(`{"id":"gz-1","version":2,"startDateTime":"2026-11-02T10:30:00Z","sessions":[]}`))
	utf16 := []byte{0xff, 0xfe}
	for _, c := range `{"id":"utf16-1"}` {
		utf16 = append(utf16, byte(c), 0)
	}
	write("ps.json", utf16)
	late := `{"sessions":[` + strings.Repeat(`{"id":"s"},`, 2000) + `{"id":"s"}],"id":"late-1"}` // about 22 KB before the id
	write("late.json", []byte(late))
	write("log.json", []byte(`{"value":[{"id":"row-1","callerNumber":"+1"}]}`))
	write("list.json", []byte(`[{"id":"a"},{"id":"b"}]`))
	write("bad.json", []byte(`{"id": "not an id!"}`))
	write("broken.json", []byte("\x00\x01 not json"))
	write("noted.json", []byte("// exported for ticket 42\n// by bob\n{\"id\":\"noted-1\"}"))
	write("wrapped.json", []byte(`{"value":{"id":"wrapped-1","sessions":[]}}`))

	defer func(h int, w int64) { headBytes, wholeBytes = h, w }(headBytes, wholeBytes)
	headBytes = 4 << 10 // late.json's id is beyond the prefix
	c := &catalog{dir: dir, dirTTL: time.Hour, now: func() time.Time { return now }}
	files, err := c.fileItems()
	if err != nil {
		t.Fatal(err)
	}
	for id, rel := range map[string]string{demoID: "exports/demo.json", "GZ-1": "g.json.gz", "utf16-1": "ps.json", "late-1": "late.json", "noted-1": "noted.json", "wrapped-1": "wrapped.json"} {
		if it, ok := c.byID(id); !ok || filepath.ToSlash(it.rel) != rel {
			t.Errorf("byID(%s) = %q %v, want %s", id, it.rel, ok, rel)
		}
	}
	for _, id := range []string{"row-1", "a", "s", "not an id!"} {
		if it, ok := c.byID(id); ok {
			t.Errorf("byID(%s) found %s", id, it.rel)
		}
	}
	for _, it := range files {
		if it.rel == "g.json.gz" {
			if it.version != 2 || !it.when.Equal(time.Date(2026, 11, 2, 10, 30, 0, 0, time.UTC)) {
				t.Errorf("g.json.gz: version %d, when %v", it.version, it.when)
			}
			if row := itemRow(&it); !strings.Contains(row, "2026-11-02 10:30") || !strings.Contains(row, "gz-1") {
				t.Errorf("row %q lacks the start or the id", row)
			}
		}
	}
	// By the calls' starts where known: the others (the file's time, 30
	// November) first, then the call of 2 November, then the demo's of 17 February.
	if n := len(files); n < 2 || files[n-2].rel != "g.json.gz" || files[n-1].rel != filepath.FromSlash("exports/demo.json") {
		t.Errorf("order: %+v", files)
	}

	// Read once: a second walk with the same stamps reads nothing.
	reads := headReads.Load()
	c.filesAt = time.Time{}
	c.fileItems()
	if n := headReads.Load() - reads; n != 0 {
		t.Errorf("%d files read again though none changed", n)
	}
	// A changed file is read again; one gone is forgotten.
	write("late.json", []byte(`{"id":"late-2"}`))
	os.Chtimes(filepath.Join(dir, "late.json"), now.Add(time.Minute), now.Add(time.Minute))
	os.Remove(filepath.Join(dir, "ps.json"))
	c.filesAt = time.Time{}
	c.fileItems()
	if n := headReads.Load() - reads; n != 1 {
		t.Errorf("%d files read, want the changed one", n)
	}
	if _, ok := c.byID("late-1"); ok {
		t.Error("the old id of a changed file still found")
	}
	if _, ok := c.byID("late-2"); !ok {
		t.Error("the new id of a changed file not found")
	}
	if _, ok := c.byID("utf16-1"); ok {
		t.Error("a removed file still found")
	}

	// Beyond wholeBytes, an id after the prefix is not looked for.
	wholeBytes = 8 << 10
	write("late.json", []byte(late))
	c = &catalog{dir: dir, dirTTL: time.Hour, now: func() time.Time { return now }}
	if _, ok := c.byID("late-1"); ok {
		t.Error("a big file was read whole")
	}
}

// Over SSH, a call id finds an export by the id inside it: `report CALLID`
// without a terminal and `ssh -t host CALLID` both, logged with its file.
func TestCallIDFindsAnExportByItsOwnID(t *testing.T) {
	exports := filepath.Join(t.TempDir(), "exports")
	os.MkdirAll(exports, 0o700)
	if err := os.WriteFile(filepath.Join(exports, "demo.json"), samples.Demo, 0o600); err != nil {
		t.Fatal(err)
	}
	f := newFixture(t, fixtureOptions{cfg: func(c *Config) { c.Records = exports }})
	out, errOut, code := f.run(t, f.engineer, "report "+demoID)
	if code != 0 || out != reportOf(t, samples.Demo, "text") {
		t.Fatalf("report by id: exit %d, stderr %q:\n%.300s", code, errOut, out)
	}
	f.waitAudit(t, map[string]string{"action": ActReport, "detail": "call " + demoID + " (file demo.json) (text)"})
	tm := f.openTerm(t, f.engineer, strings.ToUpper(demoID), 100, 30)
	tm.waitText(t, "Alice Okafor → Conference server")
	tm.send(t, "q")
	if code := tm.exit(t); code != 0 {
		t.Errorf("q: exit %d", code)
	}
	f.waitAudit(t, map[string]string{"action": ActOpen, "detail": "call " + strings.ToUpper(demoID) + " (file demo.json)"})
	// The picker shows the export with its call's id and start.
	tm = f.openTerm(t, f.engineer, "", 140, 30)
	tm.waitText(t, "2026-02-17 ")
	tm.waitText(t, "demo.json  "+demoID)
}

// Any prefix of a record, and bytes that are no JSON, give the record's id
// or none: never a panic, never another value.
func TestScanHeadOnCutAndBadBytes(t *testing.T) {
	for n := 0; n <= 2048; n++ {
		h, _ := scanHead(samples.Demo[:n], false)
		if h.id != "" && h.id != demoID {
			t.Fatalf("prefix of %d bytes: id %q", n, h.id)
		}
	}
	for _, b := range []string{"", "{", `{"id"`, `{"id":`, `{"id":"abc`, "\xff\xfe{", "\x1f\x8b", `{"id":123}`, `{"Id":"PS-1"}`, `{"AdditionalProperties":{"id":"ap-1"}}`, "[" + strings.Repeat("[", 10000)} {
		h, _ := scanHead([]byte(b), true)
		if h.id != "" && h.id != "PS-1" && h.id != "ap-1" {
			t.Errorf("%q: id %q", b, h.id)
		}
	}
}
