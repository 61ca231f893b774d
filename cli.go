package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/term"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/samples"
	"github.com/callscope/callscope/theme"
	"github.com/callscope/callscope/ui"
)

// Exit codes.
const (
	exitOK      = 0
	exitRuntime = 1
	exitUsage   = 2
)

// usageError is a mistake in the command line: exit 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

const usageText = `callscope: explore Microsoft Teams call records (Graph callRecords) in the terminal

Usage:
  callscope [--theme T] [--color C] [--mouse] [--local] [--print-on-exit] [SOURCE]
                                                   open the explorer (no SOURCE: the built-in demo)
  callscope report [--format F] [SOURCE]           print a report: text, markdown or json
  callscope --id CALLID [--save FILE]              fetch a call from Microsoft Graph (also with report)
  callscope list [--since 24h]                     recent call records from Microsoft Graph
  callscope pstn [--since 24h] [--failed]          PSTN and Direct Routing calls from Graph's logs
  callscope redact [--keep ips] SOURCE             the record with personal data replaced by pseudonyms
  callscope fetch [--since 24h] -o DIR             every call record of a range into a folder (an archive)
  callscope export [--format F] SOURCE...          one row per stream for DuckDB, Kusto, spreadsheets
  callscope serve --authorized-keys FILE           the explorer over SSH for a support team

SOURCE is a JSON export (plain or gzip) or - for standard input; --max-size
and --max-memory raise the limits on what reading it may take.
Without a terminal on standard output, callscope prints the text report.
Run 'callscope -h' or 'callscope report -h' for the flags.
`

// run is main without the process: testable, and it returns the exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	err := dispatch(args, stdin, stdout, stderr)
	if err == nil {
		return exitOK
	}
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	fmt.Fprintln(stderr, "callscope: "+oneLine(err.Error()))
	var ue usageError
	if errors.As(err, &ue) {
		return exitUsage
	}
	return exitRuntime
}

func dispatch(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "report" {
		return cmdReport(args[1:], stdin, stdout)
	}
	if len(args) > 0 && args[0] == "list" {
		return cmdList(args[1:], stdout)
	}
	if len(args) > 0 && args[0] == "pstn" {
		return cmdPSTN(args[1:], stdin, stdout, stderr)
	}
	if len(args) > 0 && args[0] == "redact" {
		return cmdRedact(args[1:], stdin, stdout, stderr)
	}
	if len(args) > 0 && args[0] == "fetch" {
		return cmdFetch(args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "export" {
		return cmdExport(args[1:], stdin, stdout, stderr)
	}
	if len(args) > 0 && args[0] == "serve" {
		return cmdServe(args[1:], stdout, stderr)
	}
	if len(args) > 0 && args[0] == "help" {
		args = []string{"-h"}
	}
	return cmdExplore(args, stdin, stdout)
}

// parseFlags parses flags wherever they stand among the arguments, so that
// "report call.json --format json" works as people type it.
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			cmd := "callscope -h"
			if fs.Name() != "callscope" {
				cmd = "callscope " + fs.Name() + " -h"
			}
			return nil, usageError{err.Error() + "; see '" + cmd + "'"}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// oneSource takes at most one SOURCE argument.
func oneSource(pos []string) (string, error) {
	switch len(pos) {
	case 0:
		return "", nil
	case 1:
		return pos[0], nil
	}
	return "", usageError{fmt.Sprintf("one SOURCE at a time, got %d: %s", len(pos), strings.Join(pos, " "))}
}

// loadSource loads a path, "-", or the demo when path is "". mapped maps a
// big file instead of reading it: only inside data.Guard (see data.Limits.Map).
// Once the source's size is known the Go heap is held to what lim allows
// for it (see data.Limits.HeapLimit).
func loadSource(path string, stdin io.Reader, mapped bool, lim data.Limits) (*data.File, error) {
	if path == "" {
		return data.Load(samples.DemoName, samples.Demo)
	}
	var b []byte
	var err error
	if mapped {
		b, mapped, err = lim.Map(path, stdin)
	} else {
		b, err = lim.ReadSource(path, stdin)
	}
	if err != nil {
		return nil, err
	}
	debug.SetMemoryLimit(lim.HeapLimit(len(b), mapped))
	return lim.Load(path, b)
}

// addLimitFlags adds the flags that bound what loading a source may take;
// withMemory adds --max-memory, for commands that build the model.
func addLimitFlags(fs *flag.FlagSet, withMemory bool) *data.Limits {
	lim := &data.Limits{}
	fs.Var((*sizeFlag)(&lim.MaxSize), "max-size", "the largest SOURCE to read, once decompressed: a `SIZE` such as 8GiB (default 4GiB); giving it also lets gzip data expand more than 100×")
	if withMemory {
		fs.Var((*sizeFlag)(&lim.MaxMemory), "max-memory", "the most memory the calls of a SOURCE may take: a `SIZE` such as 2GiB (default twice the SOURCE's size plus 32MiB)")
	}
	return lim
}

// sizeFlag is a size such as 8GiB.
type sizeFlag int64

func (s *sizeFlag) String() string {
	if s == nil || *s == 0 {
		return ""
	}
	return data.SizeText(int64(*s))
}

func (s *sizeFlag) Set(v string) error {
	n, err := data.ParseSize(v)
	*s = sizeFlag(n)
	return err
}

func cmdReport(args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	format := fs.String("format", "text", "output format: text, markdown or json")
	g := addGraphFlags(fs, true)
	lim := addLimitFlags(fs, true)
	pos, err := parseFlags(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, "Usage: callscope report [--format text|markdown|json] [SOURCE | --id CALLID [--save FILE]]\n\nPrints a call record's report; without SOURCE, the built-in demo's.\n\nFlags:\n")
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		return err
	}
	if err != nil {
		return err
	}
	f, err := data.ParseFormat(*format)
	if err != nil {
		return usageError{err.Error()}
	}
	src, err := g.source(pos)
	if err != nil {
		return err
	}
	batchGC()
	// The JSON report maps the file: it reads it once and exits, and checks
	// each string after copying it (another program could change the mapped
	// bytes meanwhile).
	g.mapped = f == data.FormatJSON
	g.limits = *lim
	return data.Guard(src, func() error {
		file, err := g.load(src, stdin, progressTo(os.Stderr))
		if err != nil {
			return err
		}
		return writeReport(stdout, file, f, g, stdin)
	})
}

// batchGC sets the collector for a command that loads, prints and exits:
// nearly everything a load allocates stays live to the end, so collecting
// each time the heap doubles only costs time (a tenth of a big meeting's
// report, measured). The heap may grow to five times what is live before a
// collection instead of twice.
func batchGC() { debug.SetGCPercent(400) }

// cmdExplore opens the explorer, or prints the text report when standard
// output is not a terminal (a pipe, a file, CI).
func cmdExplore(args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("callscope", flag.ContinueOnError)
	themeName := fs.String("theme", "", "dark or light (default: follow the terminal, starting dark)")
	colorMode := fs.String("color", "auto", "auto, none, 16, 256 or true")
	mouse := fs.Bool("mouse", false, "turn on the mouse (wheel scrolls); off keeps the terminal's own selection")
	local := fs.Bool("local", false, "show the timeline in the local time zone instead of UTC")
	printOnExit := fs.Bool("print-on-exit", false, "print the last copied text to standard output after quitting (for terminals without OSC 52)")
	g := addGraphFlags(fs, true)
	lim := addLimitFlags(fs, true)
	pos, err := parseFlags(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, usageText+"\nFlags:\n")
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		return err
	}
	if err != nil {
		return err
	}
	dark, auto, err := theme.ParseName(*themeName)
	if err != nil {
		return usageError{err.Error()}
	}
	profile, forced, err := theme.Profile(*colorMode, os.Getenv)
	if err != nil {
		return usageError{err.Error()}
	}
	src, err := g.source(pos)
	if err != nil {
		return err
	}
	g.limits = *lim
	out, isFile := stdout.(*os.File)
	if !isFile || !isTerminal(out) {
		file, err := g.load(src, stdin, nil)
		if err != nil {
			return err
		}
		return writeReport(stdout, file, data.FormatText, g, stdin)
	}
	if err := g.checkPSTNLogs("the explorer"); err != nil {
		return err
	}
	opts := ui.Options{Source: src, Dark: dark, AutoTheme: auto, Mouse: *mouse, Local: *local}
	switch {
	case g.id != "":
		opts.Source = "call record " + g.id + " from Microsoft Graph"
		opts.Load = func(ctx context.Context, progress func(string)) (*data.File, error) {
			return g.fetch(ctx, os.Getenv, progress)
		}
	case src == "":
		opts.Source, opts.Size = "the demo call", int64(len(samples.Demo))
	case src == "-":
		opts.Source = "standard input"
	default:
		st, err := os.Stat(src)
		if err != nil {
			return fmt.Errorf("%s: no such file", src)
		}
		opts.Size = st.Size()
	}
	if opts.Load == nil {
		opts.Load = func(context.Context, func(string)) (*data.File, error) { return loadSource(src, stdin, false, *lim) }
	}
	var p *colorprofile.Profile
	if forced {
		p = &profile
	}
	last, err := ui.Run(opts, p)
	if err == nil && *printOnExit && last != "" {
		fmt.Fprintln(stdout, last)
	}
	return err
}

func isTerminal(f *os.File) bool { return term.IsTerminal(f.Fd()) }

// oneLine keeps an error on one line of stderr.
func oneLine(s string) string {
	return strings.Join(strings.Fields(data.Clean(s)), " ")
}
