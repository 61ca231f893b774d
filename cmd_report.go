package main

import (
	"flag"
	"os"
	"runtime"
	"runtime/debug"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/load"
	"github.com/callscope/callscope/pstn"
	"github.com/callscope/callscope/report"
)

const reportUsage = `Usage: callscope report [--format text|markdown|json] [SOURCE | --id CALLID [--save FILE]]

Prints a call record's report; without SOURCE, the built-in demo's. A saved
PSTN, Direct Routing, SMS, dial-out or blocked-users log (from Graph's
getPstnCalls, getDirectRoutingCalls, …) is printed as a table of its rows.

Flags:
`

func cmdReport(e *env, args []string) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	format := fs.String("format", "text", "output format: text, markdown or json")
	g := addGraphFlags(fs, true)
	lim := addLimitFlags(fs, true)
	pos, err := parseFlags(fs, args, e.stdout, reportUsage)
	if err != nil {
		return err
	}
	f, err := report.ParseFormat(*format)
	if err != nil {
		return usageError{err.Error()}
	}
	src, err := g.source(pos)
	if err != nil {
		return err
	}
	batchGC()
	// Before the read, while the heap is empty (see load.HugeHeap).
	if g.id == "" && src != "" && src != "-" {
		if st, err := os.Stat(src); err == nil && st.Mode().IsRegular() {
			load.HugeHeap(st.Size())
		}
	}
	g.limits = *lim
	file, log, err := g.loadOrLog(e, src, progressTo(e.stderr))
	if err != nil {
		return err
	}
	if log != nil {
		return writeLogReport(e, log, f, g)
	}
	// The source's bytes are on the heap, live to the end: with them in
	// the base, batchGC's pacing would not collect again after the load.
	// One collection now frees what loading left behind (measured: 266 MB
	// peak on the 100 MB record without it, 259 MB with it; as much time).
	runtime.GC()
	return writeReport(e, file, f, g)
}

// batchGC sets the collector for a command that loads, prints and exits:
// nearly everything a load allocates stays live to the end, so collecting
// each time the heap doubles only costs time (a tenth of a big meeting's
// report, measured). The heap may grow to five times what is live before a
// collection instead of twice.
func batchGC() { debug.SetGCPercent(400) }

// writeReport writes a file's report, each call with what the PSTN and
// Direct Routing logs say about it: the rows its record holds (fetched with
// --id, or saved with it) and those of the --pstn-log files.
func writeReport(e *env, f *data.File, format report.Format, g *graphFlags) error {
	logs, err := g.readPSTNLogs(f.Name, e.stdin)
	if err != nil {
		return err
	}
	return pstn.WriteReport(e.stdout, f, format, logs)
}
