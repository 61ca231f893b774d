package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"

	"github.com/callscope/callscope/load"
)

func runCLI(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	defer debug.SetMemoryLimit(math.MaxInt64) // loadSource sets it for the file it loaded
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(stdin), &out, &errb, os.Getenv)
	return code, out.String(), errb.String()
}

func TestReportCommand(t *testing.T) {
	sample := filepath.Join("testdata", "graph", "callrecord-get-expand-sessions-v1-2021.json")
	code, out, errs := runCLI(t, "", "report", "--format", "json", sample)
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	var rep map[string]any
	if err := json.Unmarshal([]byte(out), &rep); err != nil || rep["id"] != "e523d2ed-2966-4b6b-925b-754a88034cc5" {
		t.Errorf("json report %q: %v", out, err)
	}
	// Flags may follow the source, as people type them.
	if code, out2, _ := runCLI(t, "", "report", sample, "--format=json"); code != 0 || out2 != out {
		t.Errorf("flag after source: exit %d", code)
	}
	// Standard input.
	b, err := os.ReadFile(sample)
	if err != nil {
		t.Fatal(err)
	}
	if code, out3, _ := runCLI(t, string(b), "report", "--format", "json", "-"); code != 0 || out3 != out {
		t.Errorf("stdin: exit %d", code)
	}
}

func TestDemoWithoutTerminalPrintsTheReport(t *testing.T) {
	code, out, _ := runCLI(t, "")
	if code != 0 || !strings.Contains(out, "Call record") || !strings.Contains(out, "Poor streams") {
		t.Errorf("exit %d, out:\n%s", code, out)
	}
	code, out2, _ := runCLI(t, "", "report")
	if code != 0 || out2 != out {
		t.Error("report without SOURCE must be the demo's")
	}
}

func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte("{\n  \"id\": \n}"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"report", "--format", "xml"}, 2, `unknown format "xml"`},
		{[]string{"report", "--nope"}, 2, "flag provided but not defined: -nope"},
		{[]string{"report", "a.json", "b.json"}, 2, "one SOURCE at a time"},
		{[]string{"report", filepath.Join(dir, "missing.json")}, 1, "no such file"},
		{[]string{"report", bad}, 1, "bad.json:3:1: invalid JSON"},
		{[]string{"report", "-h"}, 0, ""},
		{[]string{"report", "--max-size", "lots", "x.json"}, 2, `invalid value "lots" for flag -max-size`},
		{[]string{"--max-memory", "-1G"}, 2, `invalid value "-1G" for flag -max-memory`},
		{[]string{"redact", "--max-size", "1KiB", sample(t, "callrecord-get-basic-v1.json")}, 0, ""},
		{[]string{"redact", "--max-size", "100", sample(t, "callrecord-get-basic-v1.json")}, 1, "over callscope's limit of 100 bytes; if it is real, raise the limit with --max-size 1MiB"},
		{[]string{"report", "--max-memory", "1KiB", sample(t, "callrecord-get-expand-sessions-v1.json")}, 1, "the limit --max-memory gave"},
		{[]string{sample(t, "participants_v2-list-v1.json")}, 1, "participants_v2-list-v1.json: not a call record: it is a list of participants"}, // the explorer (a log shows as a table)
		{[]string{"report", "/dev/zero"}, 1, "/dev/zero:1:1: invalid JSON: it starts with zero bytes"},
		{[]string{"--help"}, 0, ""},
	}
	for _, c := range cases {
		code, _, errs := runCLI(t, "", c.args...)
		if code != c.code || !strings.Contains(errs, c.stderr) {
			t.Errorf("%v: exit %d stderr %q; want %d and %q", c.args, code, errs, c.code, c.stderr)
		}
		if strings.Count(errs, "\n") > 1 {
			t.Errorf("%v: error takes more than one line: %q", c.args, errs)
		}
	}
}

func sample(t *testing.T, name string) string {
	t.Helper()
	return filepath.Join("testdata", "graph", name)
}

// A file that is no call record is an error the command line can tell
// apart without reading its text.
func TestNotACallRecordIsTold(t *testing.T) {
	for _, name := range []string{"getpstncalls-v1.json", "participants_v2-list-v1.json", "beta-getsmslog.json"} {
		_, err := loadSource(sample(t, name), nil, load.Limits{})
		var nc *load.NotCallRecordError
		if !errors.Is(err, load.ErrNotCallRecord) || !errors.As(err, &nc) {
			t.Errorf("%s: %v", name, err)
		}
	}
	debug.SetMemoryLimit(math.MaxInt64)
	if code, _, errs := runCLI(t, `{"foo": 1}`, "report", "-"); code != 1 || !strings.HasPrefix(errs, "callscope: -: not a call record: it has no sessions") {
		t.Errorf("exit %d, %q", code, errs)
	}
}

// Issue 13: no dead ends. Every mistake is one line on stderr that says
// what to do, with exit 2 for the command line and 1 for the rest.
func TestErrorsAreOneLineSayingWhatToDo(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"report", dir}, exitRuntime, "is a folder: give one call record's JSON file"},
		{[]string{"report", filepath.Join(dir, "none.json")}, exitRuntime, "no such file"},
		{[]string{"report", "--format", "xml"}, exitUsage, "use text, markdown or json"},
		{[]string{"--bogus"}, exitUsage, "see 'callscope -h'"},
		{[]string{"version", "x"}, exitUsage, "see 'callscope version -h'"},
		{[]string{"redact"}, exitUsage, "redact needs a SOURCE"},
		{[]string{"report", "--graph-url", "https://graph.microsoft.com/beta", "--id", "x"}, exitUsage, "without the version"},
	} {
		code, out, errs := runCLI(t, "", c.args...)
		if code != c.code || out != "" || strings.Count(errs, "\n") != 1 || !strings.HasPrefix(errs, "callscope: ") || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d (want %d), stdout %q, stderr %q (want %q)", c.args, code, c.code, out, errs, c.want)
		}
	}
}
