package data

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"
	"time"

	"github.com/callscope/callscope/samples"
)

// bigSample writes a generated record over mapFrom to a file.
func bigSample(t *testing.T) (string, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := samples.Generate(&buf, samples.GenOptions{Sessions: 400, Seed: 5}); err != nil {
		t.Fatal(err)
	}
	if buf.Len() < mapFrom {
		t.Fatalf("the sample is %d bytes, under mapFrom", buf.Len())
	}
	path := filepath.Join(t.TempDir(), "big.json")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path, buf.Bytes()
}

func TestMapSourceReadsWhatReadSourceReads(t *testing.T) {
	path, doc := bigSample(t)
	dir := filepath.Dir(path)
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write(doc)
	zw.Close()
	files := map[string][]byte{
		"plain.json": doc,
		"bom.json":   append([]byte{0xef, 0xbb, 0xbf}, doc...),
		"gzip.json":  gz.Bytes(),
		"small.json": samples.Demo,
	}
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, content, 0o644); err != nil {
			t.Fatal(err)
		}
		want, err := ReadSource(p, nil)
		if err != nil {
			t.Fatal(err)
		}
		got, err := MapSource(p, nil)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: MapSource gave %d bytes (%v), ReadSource %d", name, len(got), err, len(want))
		}
	}
	if _, err := MapSource(filepath.Join(dir, "missing.json"), nil); err == nil || err.Error() != filepath.Join(dir, "missing.json")+": no such file" {
		t.Errorf("missing file: %v", err)
	}
	if got, err := MapSource("-", bytes.NewReader(samples.Demo)); err != nil || !bytes.Equal(got, samples.Demo) {
		t.Errorf("standard input: %d bytes, %v", len(got), err)
	}
}

// A file shortened while it is read faults when its mapped bytes are
// touched: Guard must turn that into an error, on whichever goroutine it
// happens, instead of a crash.
func TestGuardTurnsAShortenedFileIntoAnError(t *testing.T) {
	path, _ := bigSample(t)
	b, err := MapSource(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	f, err := Load(path, b)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Truncate(path, 0); err != nil {
		t.Fatal(err)
	}
	for what, fn := range map[string]func() error{
		"loading":            func() error { _, err := Load(path, b); return err },
		"writing the report": func() error { return WriteReport(io.Discard, f, FormatJSON) },
		"a worker": func() error {
			var seen [2]byte
			inParallel(2, func(i int) { seen[i] = b[len(b)/2+i] })
			return nil
		},
	} {
		err := Guard(path, fn)
		if !errors.Is(err, errChanged) {
			t.Errorf("%s: %v, want the file-changed error", what, err)
		}
	}
	// Other panics are not the guard's to hide.
	defer func() {
		if r := recover(); r != "a bug" {
			t.Errorf("a panic that is no fault came back as %v", r)
		}
	}()
	Guard(path, func() error { panic("a bug") })
}

// A panic in one task comes back only once every task has ended: none goes
// on working behind the caller's back.
func TestInParallelWaitsForAllBeforeRaisingAPanic(t *testing.T) {
	var done atomic.Bool
	defer func() {
		if r := recover(); r != "first" {
			t.Fatalf("panic %v, want first", r)
		}
		if !done.Load() {
			t.Error("the panic came back while another task still ran")
		}
	}()
	inParallel(2, func(i int) {
		if i == 0 {
			panic("first")
		}
		time.Sleep(50 * time.Millisecond)
		done.Store(true)
	})
}
