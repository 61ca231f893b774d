package main

import (
	"flag"
	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/pstn"
	"github.com/callscope/callscope/report"
	"runtime"
	"runtime/debug"
)

const reportUsage = `Usage: callscope report [--format text|markdown|json] [SOURCE | --id CALLID [--save FILE]]

Prints a call record's report; without SOURCE, the built-in demo's.

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
	g.limits = *lim
	file, err := g.load(e, src, progressTo(e.stderr))
	if err != nil {
		return err
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

// writeReport writes a file's report, and after the text report what the
// PSTN and Direct Routing logs say about its calls. (The markdown and json
// reports, and the explorer, show them in a later version: --pstn-log is
// refused there rather than ignored.)
func writeReport(e *env, f *data.File, format report.Format, g *graphFlags) error {
	if format != report.FormatText {
		if err := g.checkPSTNLogs("the " + string(format) + " report"); err != nil {
			return err
		}
		return report.Write(e.stdout, f, format)
	}
	calls, err := g.pstnCalls(f, e.stdin)
	if err != nil {
		return err
	}
	if err := report.Write(e.stdout, f, format); err != nil {
		return err
	}
	return pstn.WriteText(e.stdout, calls)
}
