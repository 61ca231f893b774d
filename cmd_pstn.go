package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/charmbracelet/colorprofile"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/graph"
	"github.com/callscope/callscope/pstn"
	"github.com/callscope/callscope/report"
	"github.com/callscope/callscope/text"
	"github.com/callscope/callscope/theme"
	"github.com/callscope/callscope/ui"
)

const pstnUsage = `Usage: callscope pstn [--since 24h | --from T --to T] [--failed] [--kind K] [--format text|json] [LOGFILE...]

Lists the PSTN calls of a time range from Microsoft Graph's logs, merged by
time: Calling Plan calls (getPstnCalls) and Direct Routing calls
(getDirectRoutingCalls), every page. A line a call: when, the Teams user, who
called whom, how long, the final SIP code and phrase (failed calls marked ✗),
the SBC. In a terminal: a picker, newest first (type to filter; enter on a
Direct Routing row opens its call record, q there comes back; on another
row, its details; esc quits). --format json writes one JSON object a row,
under Graph's field names, with "@odata.type" naming its log.

With LOGFILEs, their rows instead of a fetch: saved PSTN, Direct Routing,
SMS, dial-out or blocked-users logs (plain or gzip; Graph's {"value": […]},
an array of rows, or this command's JSON lines).

The app needs the application permission CallRecord-PstnCalls.Read.All (or
CallRecords.Read.All). getPstnCalls takes 90 days a request: longer ranges
are fetched in parts. A Direct Routing row's correlationId is its call
record's id: open it with 'callscope --id ID'.

Flags:
`

func cmdPSTN(e *env, args []string) error {
	fs := flag.NewFlagSet("pstn", flag.ContinueOnError)
	rng := addRangeFlags(fs, "24h or 720h")
	failed := fs.Bool("failed", false, "only failed Direct Routing calls: not established (successfulCall false), or ended with a SIP code of 300 or more (dropped)")
	kind := fs.String("kind", "all", "calling-plan, direct-routing or all (with LOGFILEs also sms, dialout, blocked-users)")
	format := fs.String("format", "", "text or json (default: the picker in a terminal, else text)")
	g := addGraphFlags(fs, false)
	lim := addLimitFlags(fs, false)
	pos, err := parseFlags(fs, args, e.stdout, pstnUsage)
	if err != nil {
		return err
	}
	if *format != "" && *format != "text" && *format != "json" {
		return usageError{fmt.Sprintf("unknown format %q: use text or json", *format)}
	}
	only := pstn.Unknown
	if *kind != "all" {
		k, ok := pstn.ParseKind(*kind)
		if !ok {
			return usageError{fmt.Sprintf("unknown kind %q: use calling-plan, direct-routing or all", *kind)}
		}
		only = k
	}
	ranged := false
	fs.Visit(func(f *flag.Flag) { ranged = ranged || f.Name == "since" || f.Name == "from" || f.Name == "to" })
	span, err := rng.get(time.Now())
	if err != nil {
		return err
	}

	var rows []*pstn.Row
	var fetchErr error
	if len(pos) > 0 {
		for _, p := range pos {
			log, err := pstn.Read(p, e.stdin, *lim)
			if err != nil {
				return err
			}
			for _, w := range log.Warnings {
				fmt.Fprintln(e.stderr, "callscope: "+text.OneLine(p+": "+w))
			}
			rows = append(rows, log.Rows...)
		}
	} else {
		if only != pstn.Unknown && only != pstn.CallingPlan && only != pstn.DirectRouting {
			return usageError{fmt.Sprintf("--kind %s: callscope fetches the Calling Plan and Direct Routing logs; give a saved %s log as LOGFILE", *kind, only)}
		}
		rows, fetchErr = fetchLogs(e, g, only, span.From, span.To, progressTo(e.stderr))
		if fetchErr != nil && rows == nil {
			return fetchErr
		}
	}
	rows = filterRows(rows, only, *failed, ranged || len(pos) == 0, span.From, span.To)
	switch {
	case *format == "" && len(rows) > 0 && stdoutTerminal(e.stdout):
		err = pickCalls(e, g, rows, pickTitle(rows, pos, only, *failed, span.From, span.To), fetchErr)
	case *format == "json":
		err = pstn.WriteJSON(e.stdout, rows)
	case len(rows) == 0 && len(pos) > 0:
		_, err = fmt.Fprintln(e.stdout, "no rows in the logs given"+filterWords(only, *failed))
	case len(rows) == 0:
		_, err = fmt.Fprintf(e.stdout, "no %s calls between %s and %s%s\n", kindWords(only), text.TimeText(span.From), text.TimeText(span.To), filterWords(pstn.Unknown, *failed))
	default:
		err = pstn.WriteTable(e.stdout, rows)
	}
	if err != nil {
		return err
	}
	return fetchErr
}

// pickPSTN shows the picker until a call is chosen (tests replace it).
var pickPSTN = func(p *ui.PSTNPicker, profile *colorprofile.Profile) (*pstn.Row, error) { return p.Pick(profile) }

// pickCalls is callscope pstn in a terminal: the rows newest first in a
// picker; enter on a Direct Routing row opens its call record (fetched as
// --id fetches, with the log rows of its time) in the explorer, and
// quitting that comes back to the picker. A call that cannot be opened
// (records are kept 30 days, the logs a year) is said in the picker.
func pickCalls(e *env, g *graphFlags, rows []*pstn.Row, title string, fetchErr error) error {
	newest := slices.Clone(rows)
	slices.Reverse(newest) // Merge sorts oldest first
	p := ui.NewPSTNPicker(title, newest)
	if fetchErr != nil {
		p.SetStatus(fetchErr.Error())
	}
	profile, forced, _ := theme.Profile("auto", e.getenv)
	var cp *colorprofile.Profile
	if forced {
		cp = &profile
	}
	for {
		row, err := pickPSTN(p, cp)
		if err != nil || row == nil {
			return err
		}
		id := row.CallRecordID()
		args := []string{"--id", id, "--cloud", g.cloud, "--graph-url", g.graphURL, "--timeout", g.timeout.String()}
		if err := cmdExplore(e, args); err != nil {
			p.SetStatus("call record " + id + ": " + err.Error())
		} else {
			p.SetStatus("")
		}
	}
}

// pickTitle says what the picker shows: "PSTN or Direct Routing calls
// 2026-07-13 09:00:00 UTC – 2026-07-14 09:00:00 UTC (12 rows)", "Direct
// Routing calls in dr.json (5 rows)".
func pickTitle(rows []*pstn.Row, files []string, only pstn.Kind, failed bool, from, to time.Time) string {
	what := kindWords(only) + " calls"
	if len(files) > 0 {
		what += " in " + strings.Join(files, ", ")
	} else {
		what += " " + text.TimeText(from) + " – " + text.TimeText(to)
	}
	return what + filterWords(pstn.Unknown, failed) + " (" + text.Plural(len(rows), "row") + ")"
}

// fetchLogs fetches the logs of a range, Direct Routing then Calling Plan
// (only one when only says so). A log that fails does not stop the other:
// its rows are returned with the first error.
func fetchLogs(e *env, g *graphFlags, only pstn.Kind, from, to time.Time, progress func(string)) ([]*pstn.Row, error) {
	c, err := g.client(e.getenv)
	if err != nil {
		return nil, err
	}
	if progress != nil {
		c.Progress = func(p graph.Progress) { progress(p.String()) }
		defer progress("")
	}
	ctx, cancel := context.WithTimeout(context.Background(), g.timeout)
	defer cancel()
	var logs [][]*pstn.Row
	var errs []error
	got := false
	for _, k := range []pstn.Kind{pstn.DirectRouting, pstn.CallingPlan} {
		if only != pstn.Unknown && only != k {
			continue
		}
		raw, err := c.CallLog(ctx, k.Function(), from, to)
		if err == nil {
			var log *pstn.Log
			if log, err = pstn.ParseAs("Graph "+k.Function(), raw, k); err == nil {
				logs, got = append(logs, log.Rows), true
				continue
			}
		}
		if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			return nil, err
		}
		errs = append(errs, err)
	}
	var rows []*pstn.Row
	if got {
		rows = pstn.Merge(logs...)
		if rows == nil {
			rows = []*pstn.Row{}
		}
	}
	return rows, errors.Join(errs...)
}

// filterRows keeps the rows of one kind (Unknown: all), failed ones only,
// and, when timed, those of the range [from, to); rows without a time (the
// dial-out report) are kept by the range.
func filterRows(rows []*pstn.Row, only pstn.Kind, failed, timed bool, from, to time.Time) []*pstn.Row {
	var out []*pstn.Row
	for _, r := range rows {
		t := r.Time()
		switch {
		case only != pstn.Unknown && r.Kind != only:
		case failed && !r.Failed():
		case timed && !t.IsZero() && (t.Before(from) || !t.Before(to)):
		default:
			out = append(out, r)
		}
	}
	return pstn.Merge(out)
}

func kindWords(k pstn.Kind) string {
	if k == pstn.Unknown {
		return "PSTN or Direct Routing"
	}
	return k.String()
}

func filterWords(only pstn.Kind, failed bool) string {
	var s []string
	if only != pstn.Unknown {
		s = append(s, "of kind "+only.Flag())
	}
	if failed {
		s = append(s, "that failed")
	}
	if len(s) == 0 {
		return ""
	}
	return " " + strings.Join(s, " ")
}

// logFiles is --pstn-log, which may be given more than once.
type logFiles []string

func (l *logFiles) String() string { return strings.Join(*l, ",") }

func (l *logFiles) Set(v string) error {
	if v == "" {
		return errors.New("give a file")
	}
	*l = append(*l, v)
	return nil
}

// readPSTNLogs reads the --pstn-log files; src is the SOURCE, which cannot
// share standard input with one of them.
func (g *graphFlags) readPSTNLogs(src string, stdin io.Reader) ([]*pstn.Log, error) {
	var logs []*pstn.Log
	for _, p := range g.pstnLogs {
		if p == "-" && src == "-" {
			return nil, usageError{"--pstn-log - and SOURCE - cannot both be standard input"}
		}
		log, err := pstn.Read(p, stdin, g.limits)
		if err != nil {
			return nil, err
		}
		logs = append(logs, log)
	}
	return logs, nil
}

// loadOrLog reads what `callscope report` takes: a call record fetched
// with --id, SOURCE, or the demo; or SOURCE as a saved log (then log is
// set and file nil).
func (g *graphFlags) loadOrLog(e *env, src string, progress func(string)) (file *data.File, log *pstn.Log, err error) {
	if g.id != "" || src == "" {
		file, err = g.load(e, src, progress)
		return file, nil, err
	}
	b, err := g.limits.ReadSource(src, e.stdin)
	if err != nil {
		return nil, nil, err
	}
	debug.SetMemoryLimit(g.limits.HeapLimit(len(b)))
	return pstn.OpenBytes(src, b, g.limits)
}

// writeLogReport prints a saved log as a table of its rows (pstn.WriteLog);
// the JSON lines' warnings go to standard error.
func writeLogReport(e *env, log *pstn.Log, format report.Format, g *graphFlags) error {
	if len(g.pstnLogs) > 0 {
		return usageError{"--pstn-log goes with a call record: " + log.Name + " is a log itself"}
	}
	if format == report.FormatJSON {
		for _, w := range log.Warnings {
			fmt.Fprintln(e.stderr, "callscope: "+text.OneLine(log.Name+": "+w))
		}
	}
	return pstn.WriteLog(e.stdout, log, format)
}
