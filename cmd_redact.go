package main

import (
	"flag"
	"fmt"
	"sort"
	"strings"

	"github.com/callscope/callscope/internal/safefile"
	"github.com/callscope/callscope/redact"
)

const redactUsage = `Usage: callscope redact [--keep CATEGORIES] [-o FILE [--force]] SOURCE

Writes the record with personal data replaced by stable pseudonyms, to send
to a vendor: the same shape in and out, the same counts, verdicts and
findings. A value known to be personal is replaced wherever else it stands in
the file too (unknown fields, links, free text). Without -o it writes to
standard output. Categories: %s.

Flags:
`

func cmdRedact(e *env, args []string) error {
	fs := flag.NewFlagSet("redact", flag.ContinueOnError)
	keep := fs.String("keep", "", "categories to leave as they are, e.g. ips,devices")
	out := fs.String("o", "", "write to this file (atomically, mode 0600) instead of standard output")
	force := fs.Bool("force", false, "with -o: replace the file if it exists")
	lim := addLimitFlags(fs, false)
	var names []string
	for _, c := range redact.Categories() {
		names = append(names, string(c))
	}
	for _, a := range args {
		if a == "--" {
			break
		}
		if a == "--save" || a == "-save" || strings.HasPrefix(a, "--save=") || strings.HasPrefix(a, "-save=") {
			// --save is how the other commands keep a record; redact's is -o.
			return usageError{"redact writes to a file with -o FILE, not --save; see 'callscope redact -h'"}
		}
	}
	pos, err := parseFlags(fs, args, e.stdout, fmt.Sprintf(redactUsage, strings.Join(names, ", ")))
	if err != nil {
		return err
	}
	kept, err := redact.ParseCategories(*keep)
	if err != nil {
		return usageError{err.Error()}
	}
	src, err := oneSource(pos)
	if err != nil {
		return err
	}
	if src == "" {
		return usageError{"redact needs a SOURCE: a file, or - for standard input; see 'callscope redact -h'"}
	}
	if *force && *out == "" {
		return usageError{"--force goes with -o FILE: it replaces that file"}
	}
	if *out != "" {
		if err := safefile.Check(*out, *force); err != nil {
			return err
		}
	}
	b, err := lim.ReadSource(src, e.stdin)
	if err != nil {
		return err
	}
	red, counts, err := redact.Named(src, b, kept)
	if err != nil {
		return err
	}
	if *out != "" {
		if err := safefile.Write(*out, red, *force); err != nil {
			return err
		}
	} else if _, err := e.stdout.Write(red); err != nil {
		return err
	}
	fmt.Fprintln(e.stderr, "callscope: "+redactSummary(counts))
	return nil
}

// redactSummary says what was replaced, most first (ties by name):
// "replaced 40 ips, 12 names, …".
func redactSummary(counts map[redact.Category]int) string {
	var cats []redact.Category
	for c, n := range counts {
		if n > 0 {
			cats = append(cats, c)
		}
	}
	if len(cats) == 0 {
		return "nothing personal found to replace"
	}
	sort.Slice(cats, func(i, j int) bool {
		if counts[cats[i]] != counts[cats[j]] {
			return counts[cats[i]] > counts[cats[j]]
		}
		return cats[i] < cats[j]
	})
	parts := make([]string, len(cats))
	for i, c := range cats {
		parts[i] = fmt.Sprintf("%d %s", counts[c], c)
	}
	return "replaced " + strings.Join(parts, ", ")
}
