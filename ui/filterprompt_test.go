package ui

import (
	"testing"

	tea "charm.land/bubbletea/v2"
)

// A filter typed by hand: backspace takes back a whole character, ctrl+u
// clears, typed text comes in clean and on one line, other keys type
// nothing.
func TestEditFilter(t *testing.T) {
	for _, c := range []struct {
		f    string
		msg  tea.KeyPressMsg
		want string
		ok   bool
	}{
		{"wi-fi", tea.KeyPressMsg{Code: 'x', Text: " 2.4"}, "wi-fi 2.4", true},
		{"Zoë", tea.KeyPressMsg{Code: tea.KeyBackspace}, "Zo", true},
		{"", tea.KeyPressMsg{Code: tea.KeyBackspace}, "", true},
		{"abc", tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}, "", true},
		{"a", tea.KeyPressMsg{Code: 'x', Text: "b\tc\x1b[2J\r\n"}, "ab c  ", true}, // escapes dropped, breaks made spaces
		{"a", tea.KeyPressMsg{Code: 'x', Text: "x", Mod: tea.ModAlt}, "a", false},
		{"a", tea.KeyPressMsg{Code: tea.KeyDown}, "a", false},
	} {
		if got, ok := EditFilter(c.f, c.msg); got != c.want || ok != c.ok {
			t.Errorf("%q + %v: %q %v, want %q %v", c.f, c.msg, got, ok, c.want, c.ok)
		}
	}
}
