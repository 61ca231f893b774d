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
	fs := flag.NewFlagSet("list", flag.ContinueOnError)
	rng := addRangeFlags(fs, "24h or 90m")
	participant := fs.String("participant", "", "only calls with this user (an Entra object id)")
	format := fs.String("format", "", "text or json (default: the picker in a terminal, else text)")
	g := addGraphFlags(fs, false)
	pos, err := parseFlags(fs, args, e.stdout, listUsage)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError{"list takes no SOURCE: " + strings.Join(pos, " ")}
	}
	opts, err := rng.get(time.Now())
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

	out, isFile := e.stdout.(*os.File)
	switch {
	case *format == "json":
		return writeListJSON(e.stdout, records)
	case *format == "" && isFile && isTerminal(out) && len(records) > 0:
		profile, forced, _ := theme.Profile("auto", e.getenv)
		var p *colorprofile.Profile
		if forced {
			p = &profile
		}
		return pickAndOpen(records, p, func(id string) error {
			return cmdExplore(e, []string{"--id", id, "--cloud", g.cloud, "--graph-url", g.graphURL, "--timeout", g.timeout.String()})
		})
	}
	if len(records) == 0 {
		fmt.Fprintf(e.stdout, "no call records between %s and %s\n", text.TimeText(opts.From), text.TimeText(opts.To))
		return nil
	}
	fmt.Fprintf(e.stdout, "%-23s %8s  %-11s %-28s %-24s %s\n", "START", "LENGTH", "TYPE", "MODALITIES", "ORGANIZER", "ID")
	for _, r := range records {
		fmt.Fprintln(e.stdout, ui.ListRow(r))
	}
	return nil
}

// pickAndOpen shows the picker and opens the record chosen; when it
// fails to open, the picker shows again on that record, saying why, so
// that one bad record does not end the session of choosing.
func pickAndOpen(records []*data.Record, profile *colorprofile.Profile, open func(id string) error) error {
	var o ui.PickOptions
	for {
		id, err := pick(records, profile, o)
		if err != nil || id == "" {
			return err
		}
		if err = open(id); err == nil {
			return nil
		}
		o = ui.PickOptions{Selected: id, Err: err}
	}
}

// pick is ui.Pick; tests replace it.
var pick = ui.Pick

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
