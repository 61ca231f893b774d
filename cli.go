package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"runtime/debug"
	"strings"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/graph"
	"github.com/callscope/callscope/load"
	"github.com/callscope/callscope/report"
	"github.com/callscope/callscope/samples"
	"github.com/callscope/callscope/text"
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
  callscope redact [--keep ips] [-o FILE] SOURCE   the record with personal data replaced by pseudonyms
  callscope fetch [--since 24h] -o DIR             every call record of a range into a folder (an archive)
  callscope export [--format F] SOURCE...          one row per stream for DuckDB, Kusto, spreadsheets
  callscope serve --authorized-keys FILE           the explorer over SSH for a support team
  callscope version                                which callscope this is (also --version), for tickets

SOURCE is a JSON export (plain or gzip) or - for standard input: a call
record, or a saved PSTN, Direct Routing, SMS or dial-out log (a table of
its rows); --max-size and --max-memory raise the limits on reading it.
Without a terminal on standard output, callscope prints the text report;
with --print-on-exit it opens the explorer on the terminal and prints the
last copy, exactly, to standard output.
Run 'callscope -h' or 'callscope report -h' for the flags.
`

// env is what a command gets from the process: its standard streams and
// its environment. main passes the process's own; tests pass their own.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

// run is main without the process: testable, and it returns the exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, getenv: getenv}
	err := dispatch(e, args)
	if err == nil {
		return exitOK
	}
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	printError(stderr, err, getenv)
	var ue usageError
	if errors.As(err, &ue) {
		return exitUsage
	}
	return exitRuntime
}

// printError prints err on one line. With CALLSCOPE_DEBUG=1 a failed
// sign-in adds what each way of signing in tried, in the Azure SDK's words
// (cleaned, and scrubbed of tokens by graph): for the user who asked.
func printError(stderr io.Writer, err error, getenv func(string) string) {
	fmt.Fprintln(stderr, "callscope: "+text.OneLine(err.Error()))
	var se *graph.SignInError
	if errors.As(err, &se) && getenv(graph.EnvDebug) == "1" {
		fmt.Fprintln(stderr, "callscope: debug: the Azure SDK says:\n"+strings.TrimRight(se.Detail, "\n"))
	}
}

// commands are callscope's commands but the explorer, by their first
// argument (cmd_<name>.go).
var commands = map[string]func(e *env, args []string) error{
	"report":  cmdReport,
	"list":    cmdList,
	"pstn":    cmdPSTN,
	"redact":  cmdRedact,
	"fetch":   cmdFetch,
	"export":  cmdExport,
	"serve":   cmdServe,
	"version": cmdVersion,
}

func dispatch(e *env, args []string) error {
	report.Version = callscopeVersion
	if len(args) > 0 {
		if args[0] == "--version" || args[0] == "-version" {
			return cmdVersion(e, args[1:])
		}
		if cmd, ok := commands[args[0]]; ok {
			return cmd(e, args[1:])
		}
		if args[0] == "help" {
			args = []string{"-h"}
		}
	}
	return cmdExplore(e, args)
}

// parseFlags parses flags wherever they stand among the arguments, so that
// "report call.json --format json" works as people type it, and returns
// the others. Asked for help (-h), it prints usage and the flags to stdout
// and returns flag.ErrHelp.
func parseFlags(fs *flag.FlagSet, args []string, stdout io.Writer, usage string) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprint(stdout, usage)
				fs.SetOutput(stdout)
				fs.PrintDefaults()
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

// loadSource loads a path, "-", or the demo when path is "". Once the
// source's size is known the Go heap is held to what lim allows for it
// (see load.Limits.HeapLimit).
func loadSource(path string, stdin io.Reader, lim load.Limits) (*data.File, error) {
	if path == "" {
		return load.Load(samples.DemoName, samples.Demo)
	}
	b, err := lim.ReadSource(path, stdin)
	if err != nil {
		return nil, err
	}
	debug.SetMemoryLimit(lim.HeapLimit(len(b)))
	return lim.Load(path, b)
}

// addLimitFlags adds the flags that bound what loading a source may take;
// withMemory adds --max-memory, for commands that build the model.
func addLimitFlags(fs *flag.FlagSet, withMemory bool) *load.Limits {
	lim := &load.Limits{}
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
	return load.SizeText(int64(*s))
}

func (s *sizeFlag) Set(v string) error {
	n, err := load.ParseSize(v)
	*s = sizeFlag(n)
	return err
}
