package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	tea "charm.land/bubbletea/v2"
	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/pstn"
	"github.com/callscope/callscope/report"
	"github.com/callscope/callscope/samples"
	"github.com/callscope/callscope/text"
	"github.com/callscope/callscope/theme"
	"github.com/callscope/callscope/ui"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/term"
)

// cmdExplore opens the explorer, or prints the text report when standard
// output is not a terminal (a pipe, a file, CI).
func cmdExplore(e *env, args []string) error {
	fs := flag.NewFlagSet("callscope", flag.ContinueOnError)
	themeName := fs.String("theme", "", "dark or light (default: follow the terminal, starting dark)")
	colorMode := fs.String("color", "auto", "auto, none, 16, 256 or true")
	mouse := fs.Bool("mouse", false, "turn on the mouse (wheel scrolls); off keeps the terminal's own selection")
	local := fs.Bool("local", false, "show the timeline in the local time zone instead of UTC")
	printOnExit := fs.Bool("print-on-exit", false, "print the last copied text to standard output after quitting (for terminals without OSC 52): cleaned on a terminal, exact down a pipe")
	g := addGraphFlags(fs, true)
	lim := addLimitFlags(fs, true)
	pos, err := parseFlags(fs, args, e.stdout, usageText+"\nFlags:\n")
	if err != nil {
		return err
	}
	dark, auto, err := theme.ParseName(*themeName)
	if err != nil {
		return usageError{err.Error()}
	}
	profile, forced, err := theme.Profile(*colorMode, e.getenv)
	if err != nil {
		return usageError{err.Error()}
	}
	src, err := g.source(pos)
	if err != nil {
		return err
	}
	g.limits = *lim
	opts := ui.Options{Source: src, Dark: dark, AutoTheme: auto, Mouse: *mouse, Local: *local, PrintOnExit: *printOnExit}
	terminal := stdoutTerminal(e.stdout)
	if !terminal && *printOnExit {
		// `callscope --print-on-exit call.json | pbcopy`: the explorer
		// draws on the terminal, the copy goes down the pipe.
		if tty, err := openTTY(); err == nil {
			defer tty.Close()
			opts.Output = tty
		}
	}
	if !terminal && opts.Output == nil {
		file, log, err := g.loadOrLog(e, src, nil)
		switch {
		case err != nil:
			return err
		case log != nil:
			return writeLogReport(e, log, report.FormatText, g)
		}
		return writeReport(e, file, report.FormatText, g)
	}
	// The logs are read before the explorer starts: a bad one is said on
	// the command line, not after a load.
	if opts.PSTNLogs, err = g.readPSTNLogs(src, e.stdin); err != nil {
		return err
	}
	switch {
	case g.id != "":
		opts.Source = "call record " + g.id + " from Microsoft Graph"
		opts.Load = func(ctx context.Context, progress func(string)) (*data.File, error) {
			return g.fetch(ctx, e.getenv, progress)
		}
	case src == "":
		opts.Source, opts.Size = "the demo call", int64(len(samples.Demo))
	case src == "-":
		opts.Source = "standard input"
	default:
		st, err := os.Stat(src)
		if errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("%s: no such file", src)
		}
		if err != nil {
			return err
		}
		opts.Size = st.Size()
	}
	if opts.Load == nil {
		// A saved PSTN or Direct Routing log shows as a table of its rows
		// (ui.ShowLog) once the explorer has found it is one.
		opts.Load = func(context.Context, func(string)) (*data.File, error) {
			f, log, err := g.loadOrLog(e, src, nil)
			if log != nil {
				return nil, &openedLog{log}
			}
			return f, err
		}
	}
	var p *colorprofile.Profile
	if forced {
		p = &profile
	}
	last, err := runExplorer(opts, p)
	if ol := (*openedLog)(nil); errors.As(err, &ol) {
		if len(g.pstnLogs) > 0 {
			return usageError{"--pstn-log goes with a call record: " + ol.log.Name + " is a log itself"}
		}
		return showLog(ol.log, opts.Output, p)
	}
	if err == nil && *printOnExit && last != "" {
		printCopy(e.stdout, last, terminal)
	}
	return err
}

// printCopy prints the last copy after the explorer quits. On a terminal it
// is cleaned like everything else callscope prints there, its line breaks
// kept (an id holding "ESC ]52;…" would otherwise rewrite the clipboard
// once the explorer is gone); down a pipe it is exact, with nothing added:
// the bytes the clipboard got.
func printCopy(w io.Writer, copied string, terminal bool) {
	if !terminal {
		io.WriteString(w, copied)
		return
	}
	fmt.Fprintln(w, text.CleanLines(copied))
}

func isTerminal(f *os.File) bool { return term.IsTerminal(f.Fd()) }

// openedLog ends the explorer's load when the source is a saved log, not
// a call record: cmdExplore then shows the log's rows.
type openedLog struct{ log *pstn.Log }

func (o *openedLog) Error() string { return o.log.Name + " is a log, not a call record" }

// showLog, runExplorer, stdoutTerminal and openTTY are a log's table, the
// explorer, the test for a terminal on standard output, and the opening of
// the process's terminal: tests replace them to drive cmdExplore without a
// terminal.
var (
	showLog        = ui.ShowLog
	runExplorer    = ui.Run
	stdoutTerminal = func(w io.Writer) bool {
		f, ok := w.(*os.File)
		return ok && isTerminal(f)
	}
	openTTY = func() (*os.File, error) {
		in, out, err := tea.OpenTTY()
		if err != nil {
			return nil, err
		}
		if in != out { // Windows opens the console twice
			in.Close()
		}
		return out, nil
	}
)
