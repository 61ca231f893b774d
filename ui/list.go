package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// list is a cursor over n rows of which h fit on screen: the participants
// and timeline views move through their rows with it.
type list struct {
	n, cursor, offset, h int
}

func (l *list) setSize(n, h int) {
	l.n, l.h = n, max(h, 0)
	l.move(0)
}

func (l *list) move(d int) {
	l.cursor = min(max(l.cursor+d, 0), max(l.n-1, 0))
	if l.cursor < l.offset {
		l.offset = l.cursor
	}
	if l.h > 0 && l.cursor >= l.offset+l.h {
		l.offset = l.cursor - l.h + 1
	}
	l.offset = max(0, min(l.offset, l.n-l.h))
}

// visible is the range of rows on screen.
func (l *list) visible() (from, to int) { return l.offset, min(l.offset+l.h, l.n) }

// handleKey moves on the key map's movement keys.
func (l *list) handleKey(msg tea.KeyPressMsg, k *KeyMap) bool {
	switch {
	case key.Matches(msg, k.Down):
		l.move(1)
	case key.Matches(msg, k.Up):
		l.move(-1)
	case key.Matches(msg, k.PageDown):
		l.move(max(l.h/2, 1))
	case key.Matches(msg, k.PageUp):
		l.move(-max(l.h/2, 1))
	case key.Matches(msg, k.Top):
		l.move(-1 << 30)
	case key.Matches(msg, k.Bottom):
		l.move(1 << 30)
	default:
		return false
	}
	return true
}
