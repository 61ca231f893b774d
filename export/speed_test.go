package export

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// flat puts every column at the row's own level: filled and encoded afresh
// for every row.
func flat[C any](cols []col[C]) []col[C] {
	for i := range cols {
		cols[i].level = lvStream
	}
	return cols
}

// A row's session, segment and media columns are filled and encoded once
// and copied to the rows under them: the output is the same as when every
// column is made afresh for every row, for every table and format. A column
// put at the wrong level, or a change of level missed, would repeat a
// neighbour's value.
func TestUpperLevelsAreCopiedRight(t *testing.T) {
	files := sampleFiles(t)
	for _, p := range []struct{ kept, fresh *Table }{
		{Streams, streamsTable(flat(streamColumns()))},
		{Sessions, sessionsTable(flat(sessionColumns()))},
		{Findings, findingsTable(flat(findingColumns()))},
		{Participants, participantsTable(flat(participantColumns()))},
	} {
		for _, f := range []Format{NDJSON, CSV, Parquet} {
			kept, st := exportTo(t, Options{Table: p.kept, Format: f}, files...)
			fresh, _ := exportTo(t, Options{Table: p.fresh, Format: f}, files...)
			if st.Rows == 0 || !bytes.Equal(kept, fresh) {
				t.Errorf("%s as %s: %d rows; copied upper levels give other bytes than fresh ones", p.kept.Name, f, st.Rows)
			}
		}
	}
}

// Sources are read in turn into one buffer, kept from one to the next:
// each record's rows are what it gives alone, whatever came before it (a
// bigger record, a gzip one, one that cannot be read).
func TestSourcesTogetherAsAlone(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, b []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	read := func(p string) []byte {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	demo := read("../samples/demo.json")
	files := []string{
		write("1.json", read(generated(t, 500, 1))),
		write("2.json", demo),
		write("3.json.gz", gzipBytes(t, read(generated(t, 200, 2)))),
		write("4.json", read(generated(t, 300, 3))),
		write("5.json", []byte(`{"id": "cut off`)),
		write("6.json", read(generated(t, 600, 4))), // bigger than any before
		write("7.json", demo),
	}
	for _, f := range []Format{NDJSON, CSV} {
		together, st := exportTo(t, Options{Format: f, Workers: 1, Bad: func(error) {}}, files...)
		var alone []byte
		for i, p := range files {
			out, _ := exportTo(t, Options{Format: f, Workers: 1, Bad: func(error) {}}, p)
			if f == CSV && i > 0 {
				out = out[bytes.IndexByte(out, '\n')+1:] // one header
			}
			alone = append(alone, out...)
		}
		if st.Files != 6 || st.Bad != 1 || !bytes.Equal(together, alone) {
			t.Errorf("%s: %+v; the sources together give other rows than each alone", f, st)
		}
	}
}

// A gzip file's last four bytes claim its size: a file that claims 4 GiB
// is not given a buffer of 4 GiB before its bytes are read (it is cut
// short, and reported).
func TestGzipSizeClaimIsNotTrusted(t *testing.T) {
	demo, err := os.ReadFile("../samples/demo.json")
	if err != nil {
		t.Fatal(err)
	}
	gz := gzipBytes(t, demo)
	binary.LittleEndian.PutUint32(gz[len(gz)-4:], 0xfffffff0)
	dir := t.TempDir()
	p := filepath.Join(dir, "claims.json.gz")
	if err := os.WriteFile(p, gz, 0o600); err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, st := exportTo(t, Options{Bad: func(error) {}}, p, "../samples/demo.json")
	runtime.ReadMemStats(&after)
	if got := after.TotalAlloc - before.TotalAlloc; got > 256<<20 || st.Files != 1 || st.Bad != 1 {
		t.Errorf("%d MiB allocated, %+v; want a few MiB, one file and one bad", got>>20, st)
	}
}
