package export

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/callscope/callscope/generate"
	"github.com/callscope/callscope/load"
)

var (
	bigOnce sync.Once
	bigPath string
)

// bigRecord is what the benchmarks export: CALLSCOPE_BENCH_FILE, a record
// or a folder of them (the README's ten meetings), else a generated
// 7,500-session meeting (about 93 MB) written once. Export runs without the
// command's memory limit unless GOMEMLIMIT sets one.
func bigRecord(b *testing.B) string {
	if p := os.Getenv("CALLSCOPE_BENCH_FILE"); p != "" {
		return p
	}
	bigOnce.Do(func() {
		dir, err := os.MkdirTemp("", "callscope-export-bench")
		if err != nil {
			b.Fatal(err)
		}
		var buf bytes.Buffer
		if err := generate.Record(&buf, generate.Options{Sessions: 7500, Seed: 1}); err != nil {
			b.Fatal(err)
		}
		bigPath = filepath.Join(dir, "big.json")
		if err := os.WriteFile(bigPath, buf.Bytes(), 0o600); err != nil {
			b.Fatal(err)
		}
	})
	return bigPath
}

func benchExport(b *testing.B, f Format) {
	sources := Sources([]string{bigRecord(b)})
	var size int64
	for _, s := range sources {
		size += s.Size
	}
	b.SetBytes(size)
	for b.Loop() {
		if _, err := Export(context.Background(), io.Discard, sources, Options{Format: f}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkExportNDJSON(b *testing.B)  { benchExport(b, NDJSON) }
func BenchmarkExportParquet(b *testing.B) { benchExport(b, Parquet) }
func BenchmarkExportCSV(b *testing.B)     { benchExport(b, CSV) }

// benchRows makes the streams table's rows of a loaded record (the first
// of a folder), without loading or writing: what the rows themselves cost,
// and each encoder's.
func benchRows(b *testing.B, f Format) {
	file, err := load.Source(Sources([]string{bigRecord(b)})[0].Path, nil)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(file.Size))
	emit := func([]Value, level) {}
	var ch chunk
	if f != "" {
		enc, err := newEncoder(f, io.Discard, Streams, Options{})
		if err != nil {
			b.Fatal(err)
		}
		ch = enc.newChunk()
		emit = ch.add
	}
	for b.Loop() {
		for _, r := range file.Records {
			c := &Call{File: file, Record: r, Names: r.Names()}
			n := Streams.units(c)
			row := make([]Value, len(Streams.Columns))
			per := max(1, rowsPerChunk*n/max(1, estimateRows(c, Streams, n)))
			for lo := 0; lo < n; lo += per {
				Streams.rows(c, lo, min(lo+per, n), row, emit)
				if ch != nil {
					ch.reset()
				}
			}
		}
	}
}

func BenchmarkRows(b *testing.B)        { benchRows(b, "") }
func BenchmarkRowsNDJSON(b *testing.B)  { benchRows(b, NDJSON) }
func BenchmarkRowsParquet(b *testing.B) { benchRows(b, Parquet) }
