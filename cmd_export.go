package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/callscope/callscope/export"
	"github.com/callscope/callscope/internal/safefile"
	"github.com/callscope/callscope/load"
	"github.com/callscope/callscope/text"
)

const exportUsage = `Usage: callscope export [--table streams|sessions|findings|participants] [--format ndjson|csv|parquet] [-o FILE [--force]] SOURCE...

Writes one row per stream (or session, finding, participant) of every call
record in the SOURCEs, for DuckDB, Azure Data Explorer (Kusto), Log Analytics
or a spreadsheet. SOURCE is a file (JSON, plain or gzip), a directory (its
.json and .json.gz files at any depth, such as a 'callscope fetch' archive),
or - for standard input. A file that cannot be read is reported and skipped;
the exit code is then 1. Column names follow CallRecordInsights' Kusto table
where the value is the same; see the README for every column.

Flags:
`

func cmdExport(e *env, args []string) error {
	fs := flag.NewFlagSet("export", flag.ContinueOnError)
	table := fs.String("table", "streams", "which rows: streams, sessions, findings or participants")
	format := fs.String("format", "", "ndjson, csv or parquet (default: from -o's extension, else ndjson)")
	out := fs.String("o", "", "write to this file (mode 0600, replaced only whole) instead of standard output")
	force := fs.Bool("force", false, "with -o: replace the file if it exists")
	compression := fs.String("compression", "zstd", "parquet only: zstd or snappy")
	pos, err := parseFlags(fs, args, e.stdout, exportUsage)
	if err != nil {
		return err
	}
	if len(pos) == 0 {
		return usageError{"export needs a SOURCE: a file, a directory or -; see 'callscope export -h'"}
	}
	t, err := export.TableNamed(*table)
	if err != nil {
		return usageError{err.Error()}
	}
	f := export.FormatOf(*out)
	if *format != "" {
		if f, err = export.ParseFormat(*format); err != nil {
			return usageError{err.Error()}
		}
	}
	if *compression != "zstd" && *compression != "snappy" {
		return usageError{fmt.Sprintf("unknown compression %q: use zstd or snappy", *compression)}
	}
	if *force && *out == "" {
		return usageError{"--force goes with -o"}
	}
	if f == export.Parquet && *out == "" {
		if o, ok := e.stdout.(*os.File); ok && isTerminal(o) {
			return usageError{"Parquet is binary: give -o FILE.parquet, or redirect standard output"}
		}
	}

	var w io.Writer = e.stdout
	var file *safefile.File
	if *out != "" {
		if file, err = safefile.Create(*out, *force); err != nil {
			return err
		}
		defer file.Abort() // unless committed
		w = file
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	sources := export.Sources(pos)
	debug.SetMemoryLimit(export.MemoryLimit(sources))
	load.HugeHeap(export.Largest(sources)) // before any source is read: see load.HugeHeap
	// NDJSON and CSV come in big chunks, written in pieces of
	// export.WriteBytes as they are (a buffer would only copy them);
	// Parquet's pages and headers are gathered into writes of that size.
	flush := func() error { return nil }
	if f == export.Parquet {
		bw := bufio.NewWriterSize(w, export.WriteBytes)
		w, flush = bw, bw.Flush
	}
	st, err := export.Export(ctx, w, sources, export.Options{
		Table: t, Format: f, Compression: *compression, Version: version(), Stdin: e.stdin,
		Bad: func(err error) { fmt.Fprintln(e.stderr, "callscope: "+text.OneLine(err.Error())) },
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		if ctx.Err() != nil {
			return errors.New("export stopped: nothing was written to " + orStdout(*out))
		}
		return err
	}
	if file != nil {
		if err := file.Commit(); err != nil {
			return err
		}
	}
	if st.Bad > 0 {
		return fmt.Errorf("%d of %d sources could not be read and were skipped (see above); %s written from the rest",
			st.Bad, st.Bad+st.Files, text.Plural(st.Rows, "row"))
	}
	if *out != "" {
		fmt.Fprintf(e.stderr, "callscope: %s (%s of %s from %s) written to %s\n", text.Plural(st.Rows, "row"), t.Name,
			text.Plural(st.Records, "call record"), text.Plural(st.Files, "file"), *out)
	}
	return nil
}

func orStdout(path string) string {
	if path == "" {
		return "standard output after what was already sent"
	}
	return path
}

// version is callscope's module version, for files that record their
// writer.
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" {
		return bi.Main.Version
	}
	return "devel"
}
