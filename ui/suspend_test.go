package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

func TestSuspendVerdict(t *testing.T) {
	shell := jobState{supported: true, pgrp: 200, sid: 100, fg: 200, parentSid: 100} // a job of an interactive shell
	for _, tc := range []struct {
		name string
		edit func(*jobState)
		ok   bool
		why  string
	}{
		{"a job of a job-control shell", func(*jobState) {}, true, ""},
		{"a wrapper script's child, in the script's group", func(s *jobState) { s.parentSid = 100 }, true, ""},
		{"the session's first process (ssh -t, tmux, docker exec)", func(s *jobState) { s.pgrp, s.fg = 100, 100 }, false, noShell},
		{"in the group of a shell without job control", func(s *jobState) { s.pgrp, s.fg, s.parentSid = 100, 100, 100 }, false, noShell},
		{"a background job", func(s *jobState) { s.fg = 300 }, false, "not the terminal's foreground job"},
		{"no controlling terminal", func(s *jobState) { s.fg = -1 }, false, "no controlling terminal"},
		{"the parent left the session (reparented)", func(s *jobState) { s.parentSid = 1 }, false, noShell},
		{"the parent's session may not be read", func(s *jobState) { s.parentSid, s.parentOut = -1, true }, false, noShell},
		{"the parent's session is unknown", func(s *jobState) { s.parentSid = -1 }, true, ""},
		{"not Unix", func(s *jobState) { *s = jobState{} }, false, "needs a Unix shell"},
	} {
		s := shell
		tc.edit(&s)
		ok, why := suspendVerdict(s)
		if ok != tc.ok || (tc.why == "") != (why == "") || !strings.Contains(why, tc.why) {
			t.Errorf("%s: %v %q, want %v %q", tc.name, ok, why, tc.ok, tc.why)
		}
	}
}

// stubSuspend makes ctrl+z find (or not) a shell to resume the program.
func stubSuspend(t *testing.T, ok bool, why string) {
	old := suspendCheck
	suspendCheck = func() (bool, string) { return ok, why }
	t.Cleanup(func() { suspendCheck = old })
}

// TestSuspendWithoutAShell: ctrl+z where no shell could resume the program
// says so in the footer and changes nothing else; q still quits.
func TestSuspendWithoutAShell(t *testing.T) {
	stubSuspend(t, false, "can't suspend: no shell here")
	m := loaded(demoFile(t), 100, 24)
	m2, cmd := m.Update(keyMsg("ctrl+z"))
	if cmd != nil {
		if msg := cmd(); msg == tea.Suspend() {
			t.Fatal("ctrl+z suspended with no shell to resume the program")
		}
	}
	if s := screen(m2.(*Model)); !strings.Contains(s, "can't suspend: no shell here") {
		t.Errorf("the footer does not say why:\n%s", s)
	}
	if _, cmd := m2.Update(keyMsg("q")); cmd == nil || cmd() != tea.Quit() {
		t.Error("q does not quit after a refused ctrl+z")
	}

	stubSuspend(t, true, "")
	if _, cmd := m.Update(keyMsg("ctrl+z")); cmd == nil || cmd() != tea.Suspend() {
		t.Error("ctrl+z does not suspend under a job-control shell")
	}
}
