// Command gen writes a large synthetic Microsoft Graph call record (raw v1.0 JSON) for
// testing callscope with big files.
//
//	go run ./samples/gen -sessions 7500 -seed 1 [-poor 0.05] [-nextlink] [-o FILE] > big.json
//
// Usage errors exit with status 2, other errors with status 1.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/callscope/callscope/generate"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	sessions := fs.Int("sessions", 7500, "number of sessions")
	seed := fs.Int64("seed", 1, "random seed; the same seed gives the same file")
	poor := fs.Float64("poor", generate.DefaultPoorShare, "fraction of streams made poor, 0 to 1")
	nextLink := fs.Bool("nextlink", false, "add a sessions@odata.nextLink after the sessions")
	out := fs.String("o", "", "write to `FILE` instead of standard output")
	fs.Usage = func() {
		fmt.Fprintln(fs.Output(), "usage: gen [-sessions N] [-seed N] [-poor F] [-nextlink] [-o FILE]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	switch {
	case fs.NArg() > 0:
		return usage(fs, stderr, fmt.Sprintf("unexpected argument %q", fs.Arg(0)))
	case *sessions < 0:
		return usage(fs, stderr, "-sessions must be 0 or more")
	case !(*poor >= 0 && *poor <= 1):
		return usage(fs, stderr, "-poor must be between 0 and 1")
	}
	o := generate.Options{Sessions: *sessions, Seed: *seed, PoorShare: *poor, NextLink: *nextLink}
	if *poor == 0 {
		o.PoorShare = -1 // Options reads 0 as "the default"
	}
	if err := write(*out, stdout, o); err != nil {
		fmt.Fprintln(stderr, "gen:", err)
		return 1
	}
	return 0
}

func usage(fs *flag.FlagSet, stderr io.Writer, msg string) int {
	fmt.Fprintln(stderr, "gen:", msg)
	fs.Usage()
	return 2
}

func write(path string, stdout io.Writer, o generate.Options) error {
	if path == "" {
		return generate.Record(stdout, o)
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	// Remove a partial file on failure, but never a device such as /dev/null.
	fi, serr := f.Stat()
	removable := serr == nil && fi.Mode().IsRegular()
	err = generate.Record(f, o) // Generate buffers its writes
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil && removable {
		os.Remove(path)
	}
	return err
}
