package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/callscope/callscope/archive"
	"github.com/callscope/callscope/graph"
	"github.com/callscope/callscope/text"
)

const fetchUsage = `Usage: callscope fetch [--since 24h | --from T --to T] [--participant ID-OR-UPN] -o DIR

Fetches every call record of a time range from Microsoft Graph, whole (every
page of its sessions and participants), into DIR:

  DIR/<start date, UTC>/<id>.v<version>.json.gz

Records already in DIR at the same version are skipped; a newer version is
written beside the old one. Run it again to go on after a stop or a failure.
'callscope export DIR' turns the archive into tables.

Flags:
`

func cmdFetch(e *env, args []string) error {
	fs := flag.NewFlagSet("fetch", flag.ContinueOnError)
	rng := addRangeFlags(fs, "24h or 90m")
	participant := fs.String("participant", "", "only calls with this user: an Entra object id, or a UPN (needs User.Read.All)")
	dir := fs.String("o", "", "the archive folder (created if missing)")
	workers := fs.Int("workers", archive.DefaultWorkers, "records fetched at once (they share Graph's limits)")
	g := addGraphFlags(fs, false)
	pos, err := parseFlags(fs, args, e.stdout, fetchUsage)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError{"fetch takes no SOURCE: " + strings.Join(pos, " ") + "; give the folder with -o"}
	}
	if *dir == "" {
		return usageError{"fetch needs -o DIR: the archive folder"}
	}
	if *workers < 1 || *workers > 16 {
		return usageError{"--workers must be 1 to 16"}
	}
	opts, err := rng.get(time.Now())
	if err != nil {
		return err
	}
	base, err := g.client(e.getenv)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	limits := graph.NewLimits()
	newClient := func() *graph.Client {
		return &graph.Client{Root: base.Root, Tokens: base.Tokens, Audience: base.Audience, Limits: limits}
	}
	if p := strings.TrimSpace(*participant); p != "" {
		lctx, cancel := context.WithTimeout(ctx, g.timeout)
		id, err := newClient().ResolveUser(lctx, p)
		cancel()
		if err != nil {
			return err
		}
		opts.Participant = id
	}
	if _, err := opts.Filter(); err != nil {
		return usageError{err.Error()}
	}

	out := newFetchOutput(e.stderr)
	defer out.stop()
	p, err := archive.Fetch(ctx, archive.Options{
		Dir: *dir, List: opts, Workers: *workers, Client: newClient, Timeout: g.timeout,
		Progress: out.progress,
		Failed: func(id string, err error) {
			out.line("callscope: call record " + id + ": " + text.OneLine(err.Error()))
		},
	})
	out.stop()
	if err != nil && ctx.Err() == nil {
		return err
	}
	fmt.Fprintln(e.stderr, "callscope: "+summary(p, *dir))
	switch {
	case ctx.Err() != nil:
		return errors.New("fetch stopped: the records written are whole; run the same command again to go on")
	case p.Failed > 0:
		return fmt.Errorf("%d of %d call records could not be fetched (see above); run the same command again to retry them", p.Failed, p.Listed)
	}
	return nil
}

// summary is the fetch's last line.
func summary(p archive.Progress, dir string) string {
	s := fmt.Sprintf("%s listed; fetched %s (%s, %s) into %s", text.Plural(p.Listed, "call record"),
		text.Plural(p.Done, "record"), text.Plural(p.Sessions, "session"), megabytes(p.Bytes), dir)
	if p.Skipped > 0 {
		s += fmt.Sprintf("; %d already there", p.Skipped)
	}
	if p.Failed > 0 {
		s += fmt.Sprintf("; %d failed", p.Failed)
	}
	if p.Limits.Throttled > 0 {
		s += fmt.Sprintf("; Graph throttled %s (%s of waits)", text.Plural(p.Limits.Throttled, "time"), text.FormatSpan(p.Limits.Waited.Round(time.Second)))
	}
	return s + " in " + text.FormatSpan(p.Elapsed.Round(time.Second))
}

func megabytes(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }

// fetchOutput shows progress on one line of a terminal, redrawn a few times
// a second; elsewhere it shows none. Failures are printed as they come.
type fetchOutput struct {
	w    io.Writer
	tty  bool
	mu   sync.Mutex
	last archive.Progress
	any  bool
	done chan struct{}
	once sync.Once
}

func newFetchOutput(w io.Writer) *fetchOutput {
	o := &fetchOutput{w: w, done: make(chan struct{})}
	if f, ok := w.(*os.File); ok && isTerminal(f) {
		o.tty = true
		go o.draw()
	}
	return o
}

func (o *fetchOutput) progress(p archive.Progress) {
	o.mu.Lock()
	o.last, o.any = p, true
	o.mu.Unlock()
}

func (o *fetchOutput) draw() {
	t := time.NewTicker(250 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-o.done:
			return
		case <-t.C:
			o.mu.Lock()
			if o.any {
				fmt.Fprint(o.w, "\r\x1b[K"+progressLine(o.last))
			}
			o.mu.Unlock()
		}
	}
}

// line prints a line above the progress.
func (o *fetchOutput) line(s string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.tty {
		fmt.Fprint(o.w, "\r\x1b[K")
	}
	fmt.Fprintln(o.w, s)
}

func (o *fetchOutput) stop() {
	o.once.Do(func() {
		close(o.done)
		o.mu.Lock()
		defer o.mu.Unlock()
		if o.tty && o.any {
			fmt.Fprint(o.w, "\r\x1b[K")
		}
	})
}

// progressLine is "fetch 12/40 records · 1234 sessions · 56.7 MB · ETA 3m 10s · throttled 2× (45s)".
func progressLine(p archive.Progress) string {
	if p.Listing {
		return fmt.Sprintf("listing call records: %d so far", p.Listed)
	}
	todo := p.Listed - p.Skipped
	s := fmt.Sprintf("fetch %d/%d records · %s · %s", p.Done+p.Failed, todo, text.Plural(p.Sessions, "session"), megabytes(p.Bytes))
	if p.Failed > 0 {
		s += fmt.Sprintf(" · %d failed", p.Failed)
	}
	if p.ETA >= 0 {
		s += " · ETA " + text.FormatSpan(p.ETA.Round(time.Second))
	}
	if p.Limits.Throttled > 0 {
		s += fmt.Sprintf(" · throttled %d× (%s)", p.Limits.Throttled, text.FormatSpan(p.Limits.Waited.Round(time.Second)))
	}
	return s
}
