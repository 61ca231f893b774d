package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/colorprofile"

	attack "github.com/callscope/callscope/internal/hostile"
	"github.com/callscope/callscope/samples"
	"github.com/callscope/callscope/ui"
)

// fakeExplorer stands in for the explorer: it records the options it was
// run with and returns last as the last copy. terminal says whether
// standard output is a terminal; without one, tty is the terminal
// --print-on-exit draws on.
func fakeExplorer(t *testing.T, last string, terminal bool) (opts *ui.Options, tty *os.File) {
	t.Helper()
	opts = new(ui.Options)
	run, isTerm, open := runExplorer, stdoutTerminal, openTTY
	t.Cleanup(func() { runExplorer, stdoutTerminal, openTTY = run, isTerm, open })
	runExplorer = func(o ui.Options, _ *colorprofile.Profile) (string, error) {
		*opts = o
		return last, nil
	}
	stdoutTerminal = func(io.Writer) bool { return terminal }
	tty, err := os.Create(filepath.Join(t.TempDir(), "tty"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { tty.Close() })
	openTTY = func() (*os.File, error) { return tty, nil }
	return opts, tty
}

// The last copy printed on a terminal is cleaned like everything else
// callscope prints there: an id holding "ESC ]52;…" must not rewrite the
// clipboard, set the title or clear the screen after the explorer quits.
// Line breaks stay: a copy of JSON, markdown or pane text keeps its lines.
func TestPrintOnExitCleansForATerminal(t *testing.T) {
	last := "{\r\n  \"id\": \"x\x1b]52;c;cHduZWQ=\x07\x1b]0;TITLEPWN\x07\x1b[2J\u009b2J\x9b\x7f\u202ey\u200b\"\r\n}"
	fakeExplorer(t, last, true)
	code, out, errs := runCLI(t, "", "--print-on-exit")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if want := "{\n  \"id\": \"x\ufffdy\"\n}\n"; out != want {
		t.Errorf("printed %q, want %q", out, want)
	}
}

// Down a pipe the copy is exact (`callscope --print-on-exit x.json |
// pbcopy`): nothing is cleaned and nothing added, and the explorer draws on
// the terminal instead of standard output.
func TestPrintOnExitToAPipeIsExact(t *testing.T) {
	last := "id\x1b]52;c;cHduZWQ=\x07 \u202e\"exact\"\n"
	opts, tty := fakeExplorer(t, last, false)
	code, out, errs := runCLI(t, "", "--print-on-exit")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if out != last {
		t.Errorf("printed %q, want %q exactly", out, last)
	}
	if opts.Output != tty {
		t.Errorf("the explorer drew on %v, not the terminal", opts.Output)
	}
	// Without --print-on-exit a pipe still gets the text report.
	code, out, _ = runCLI(t, "")
	if code != 0 || !strings.Contains(out, "Poor streams") {
		t.Errorf("exit %d, out:\n%s", code, out)
	}
}

// No terminal at all (CI): the text report, as without the flag.
func TestPrintOnExitWithoutATerminalPrintsTheReport(t *testing.T) {
	fakeExplorer(t, "copy", false)
	openTTY = func() (*os.File, error) { return nil, os.ErrNotExist }
	code, out, _ := runCLI(t, "", "--print-on-exit")
	if code != 0 || !strings.Contains(out, "Poor streams") || strings.Contains(out, "copy") {
		t.Errorf("exit %d, out:\n%s", code, out)
	}
}

// Every class of attack, in every string of the demo, as the JSON and the
// ids a user could copy: what reaches a terminal is clean, what goes down a
// pipe is exact.
func TestPrintOnExitHostileRecords(t *testing.T) {
	for _, c := range attack.Classes {
		doc := string(attack.Everywhere(samples.Demo, c.Payload))
		for _, last := range []string{doc, c.Payload + "id" + c.Payload} {
			fakeExplorer(t, last, true)
			_, out, _ := runCLI(t, "", "--print-on-exit")
			if p := attack.Terminal(out, true, false); p != "" {
				t.Errorf("%s on a terminal: %s", c.Name, p)
			}
			fakeExplorer(t, last, false)
			if _, out, _ := runCLI(t, "", "--print-on-exit"); out != last {
				t.Errorf("%s down a pipe: not exact", c.Name)
			}
		}
	}
}
