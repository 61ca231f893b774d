package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/charmbracelet/colorprofile"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/graph"
	"github.com/callscope/callscope/load"
	"github.com/callscope/callscope/report"
	"github.com/callscope/callscope/text"
	"github.com/callscope/callscope/theme"
	"github.com/callscope/callscope/ui"
)

const listUsage = `Usage: callscope list [--since 24h | --from T --to T] [--participant USER-OBJECT-ID] [--format text|json]

Lists the call records of a time range from Microsoft Graph (records are kept
for 30 days). In a terminal: a picker (type to filter, enter opens the call).
Otherwise a table, or with --format json one JSON object per line.

Flags:
`

func cmdList(e *env, args []string) error {
	stdout := e.stdout
	fs := flag.NewFlagSet("list", flag.ContinueOnError)
	since := fs.Duration("since", 0, "the last so long, e.g. 24h or 90m (default 24h without --from)")
	from := fs.String("from", "", "start of the range: 2026-11-01 or 2026-11-01T09:00:00Z")
	to := fs.String("to", "", "end of the range (default now)")
	participant := fs.String("participant", "", "only calls with this user (an Entra object id)")
	format := fs.String("format", "", "text or json (default: the picker in a terminal, else text)")
	g := addGraphFlags(fs, false)
	pos, err := parseFlags(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, listUsage)
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		return err
	}
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError{"list takes no SOURCE: " + strings.Join(pos, " ")}
	}
	opts, err := listRange(*since, *from, *to, time.Now())
	if err != nil {
		return err
	}
	opts.Participant = *participant
	if _, err := opts.Filter(); err != nil {
		return usageError{err.Error()}
	}
	if *format != "" && *format != "text" && *format != "json" {
		return usageError{fmt.Sprintf("unknown format %q: use text or json", *format)}
	}

	c, err := g.client(e.getenv)
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(context.Background(), g.timeout)
	defer cancel()
	raw, err := c.List(ctx, opts)
	if err != nil {
		return err
	}
	records, err := listRecords(raw)
	if err != nil {
		return err
	}

	out, isFile := stdout.(*os.File)
	switch {
	case *format == "json":
		return writeListJSON(stdout, records)
	case *format == "" && isFile && isTerminal(out) && len(records) > 0:
		profile, forced, _ := theme.Profile("auto", e.getenv)
		var p *colorprofile.Profile
		if forced {
			p = &profile
		}
		id, err := ui.Pick(records, p)
		if err != nil || id == "" {
			return err
		}
		return cmdExplore(e, []string{"--id", id, "--cloud", g.cloud, "--graph-url", g.graphURL, "--timeout", g.timeout.String()})
	}
	if len(records) == 0 {
		fmt.Fprintf(stdout, "no call records between %s and %s\n", text.TimeText(opts.From), text.TimeText(opts.To))
		return nil
	}
	fmt.Fprintf(stdout, "%-23s %8s  %-11s %-28s %-24s %s\n", "START", "LENGTH", "TYPE", "MODALITIES", "ORGANIZER", "ID")
	for _, r := range records {
		fmt.Fprintln(stdout, ui.ListRow(r))
	}
	return nil
}

// listRange turns the flags into a time range: --from/--to, else the last
// --since (24 hours by default).
func listRange(since time.Duration, from, to string, now time.Time) (graph.ListOptions, error) {
	var o graph.ListOptions
	if since != 0 && (from != "" || to != "") {
		return o, usageError{"give --since or --from/--to, not both"}
	}
	var err error
	if o.To = now; to != "" {
		if o.To, err = parseWhen(to); err != nil {
			return o, err
		}
	}
	switch {
	case from != "":
		if o.From, err = parseWhen(from); err != nil {
			return o, err
		}
	case since < 0:
		return o, usageError{"--since must be positive, e.g. 24h"}
	case since == 0:
		o.From = o.To.Add(-24 * time.Hour) // the day before --to, or before now
	default:
		o.From = now.Add(-since)
	}
	if !o.From.Before(o.To) {
		return o, usageError{"the range is empty: --from must be before --to"}
	}
	return o, nil
}

func parseWhen(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02T15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, usageError{fmt.Sprintf("%q is no time: use 2026-11-01 or 2026-11-01T09:00:00Z", s)}
}

// listRecords loads the list Graph returned; an empty list is no error here.
func listRecords(raw []byte) ([]*data.Record, error) {
	f, err := load.Load("call record list", raw)
	if errors.Is(err, load.ErrNoCallRecords) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return f.Records, nil
}

// writeListJSON writes one object per record: id, type, startDateTime,
// endDateTime, organizer, modalities, version.
func writeListJSON(w io.Writer, records []*data.Record) error {
	for _, r := range records {
		if _, err := w.Write(report.ListJSON(r)); err != nil {
			return err
		}
	}
	return nil
}
