package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/callscope/callscope/samples"
)

// hostileIDFile is the demo whose call id carries an OSC 52 clipboard
// write, a title and a screen clear.
func hostileIDFile(t *testing.T) (path, id string) {
	t.Helper()
	const good = "b3f0c6a2-7d41-4e9b-8c15-2f6e9a4d7b38"
	id = good + `\u001b]52;c;cHduZWQ=\u0007\u001b]2;TITLEPWN\u0007\u001b[2J\u001b[H`
	doc := strings.Replace(string(samples.Demo), `"id": "`+good+`"`, `"id": "`+id+`"`, 1)
	if doc == string(samples.Demo) {
		t.Fatal("the demo's id moved")
	}
	path = filepath.Join(t.TempDir(), "hostile-id.json")
	if err := os.WriteFile(path, []byte(doc), 0o600); err != nil {
		t.Fatal(err)
	}
	return path, good + "\x1b]52;c;cHduZWQ=\x07\x1b]2;TITLEPWN\x07\x1b[2J\x1b[H"
}

// tmuxBuffers are the texts OSC 52 writes left in tmux (set-clipboard on).
func (s *tmuxSession) buffers() []string {
	var out []string
	for _, name := range strings.Fields(s.run("list-buffers", "-F", "#{buffer_name}")) {
		out = append(out, s.run("show-buffer", "-b", name))
	}
	return out
}

// y i copies the call's id; after q, --print-on-exit prints it on the
// terminal cleaned: the clipboard is not rewritten, the title not set, the
// screen not cleared.
func TestEndToEndPrintOnExitOnATerminal(t *testing.T) {
	needTmux(t)
	bin := buildBinary(t)
	file, _ := hostileIDFile(t)
	s := startTmux(t, 120, 40, fmt.Sprintf("echo BEFORE; %s --print-on-exit %q", bin, file))
	s.waitFor("Alice Okafor → Conference server")
	s.keys("y", "i")
	s.waitFor("copied")
	s.keys("q")
	scr := s.waitFor("exit=0")
	if !strings.Contains(scr, "BEFORE") {
		t.Errorf("the screen was cleared after quitting:\n%s", scr)
	}
	if !strings.Contains(scr, "b3f0c6a2-7d41-4e9b-8c15-2f6e9a4d7b38") {
		t.Errorf("the id was not printed:\n%s", scr)
	}
	for _, b := range s.buffers() {
		if b == "pwned" {
			t.Error("the printed id rewrote the clipboard")
		}
	}
	if title := s.run("display-message", "-p", "-t", "e2e", "#{pane_title}"); strings.Contains(title, "TITLEPWN") {
		t.Errorf("the printed id set the title: %q", title)
	}
}

// Down a pipe, the copy is exact and the explorer draws on the terminal.
func TestEndToEndPrintOnExitToAPipe(t *testing.T) {
	needTmux(t)
	bin := buildBinary(t)
	file, id := hostileIDFile(t)
	out := filepath.Join(t.TempDir(), "copy.txt")
	s := startTmux(t, 120, 40, fmt.Sprintf("%s --print-on-exit %q > %q", bin, file, out))
	s.waitFor("Alice Okafor → Conference server")
	s.keys("y", "i")
	s.waitFor("copied")
	s.keys("q")
	s.waitFor("exit=0")
	b, err := os.ReadFile(out)
	if err != nil || string(b) != id {
		t.Errorf("the pipe got %q (%v), want %q", b, err, id)
	}
}
