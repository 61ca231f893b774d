package main

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/callscope/callscope/internal/golden"
)

// outputSources are the demo and every sample in the repository.
func outputSources(t *testing.T) []string {
	t.Helper()
	srcs := []string{""} // the demo
	for _, pattern := range []string{"testdata/*.json", "testdata/graph/*.json", "redact/testdata/*.json", "ui/testdata/hostile.json"} {
		files, err := filepath.Glob(filepath.FromSlash(pattern))
		if err != nil || len(files) == 0 {
			t.Fatalf("no samples at %s", pattern)
		}
		srcs = append(srcs, files...)
	}
	return srcs
}

// outputCommands are what a user runs on a source; {} stands for it.
var outputCommands = []struct {
	name string
	args []string
}{
	{"report-text", []string{"report", "--format", "text", "{}"}},
	{"report-markdown", []string{"report", "--format", "markdown", "{}"}},
	{"report-json", []string{"report", "--format", "json", "{}"}},
	{"export-ndjson-streams", []string{"export", "--format", "ndjson", "{}"}},
	{"export-csv-streams", []string{"export", "--format", "csv", "{}"}},
	{"export-ndjson-sessions", []string{"export", "--table", "sessions", "--format", "ndjson", "{}"}},
	{"export-csv-sessions", []string{"export", "--table", "sessions", "--format", "csv", "{}"}},
	{"export-ndjson-findings", []string{"export", "--table", "findings", "--format", "ndjson", "{}"}},
	{"export-csv-findings", []string{"export", "--table", "findings", "--format", "csv", "{}"}},
	{"export-ndjson-participants", []string{"export", "--table", "participants", "--format", "ndjson", "{}"}},
	{"export-csv-participants", []string{"export", "--table", "participants", "--format", "csv", "{}"}},
	{"redact", []string{"redact", "{}"}},
	{"redact-keep", []string{"redact", "--keep", "ips,names", "{}"}},
	{"pstn-text", []string{"pstn", "{}"}},
	{"pstn-json", []string{"pstn", "--format", "json", "{}"}},
	{"report-pstn-log", []string{"report", "--pstn-log", "{}", "testdata/crafted-aa-cq-bot-pstn.json"}},
}

// TestOutputsOfTheSamples holds what every command prints for the demo and
// every sample (standard output, standard error and the exit code) to the
// golden files in testdata/outputs: the bytes users get stay the same
// through any change of the code that is not meant to change them. The
// same check on a generated 100 MB record is in the README (Development).
func TestOutputsOfTheSamples(t *testing.T) {
	srcs := outputSources(t)
	for _, c := range outputCommands {
		t.Run(c.name, func(t *testing.T) {
			var b strings.Builder
			for _, src := range srcs {
				if src == "" && !strings.HasPrefix(c.name, "report-") || src == "" && c.name == "report-pstn-log" {
					continue // the demo is the source only when none is given
				}
				args := make([]string, 0, len(c.args))
				for _, a := range c.args {
					if a == "{}" {
						if src == "" {
							continue
						}
						a = filepath.ToSlash(src)
					}
					args = append(args, a)
				}
				code, out, errs := runCLI(t, "", args...)
				fmt.Fprintf(&b, "=== callscope %s\nexit %d\n--- stdout\n%s\n--- stderr\n%s\n", strings.Join(args, " "), code, out, errs)
			}
			golden.Assert(t, "outputs/"+c.name+".golden", []byte(b.String()))
		})
	}
}
