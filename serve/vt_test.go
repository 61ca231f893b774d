package serve

import (
	"strings"
	"sync"

	"github.com/charmbracelet/x/ansi"
)

// vt is a small terminal for the tests: it plays what a session's program
// wrote (cursor moves, erases, inserts, scrolls: what Bubble Tea's
// renderer sends an xterm) onto a grid, so that a test can read the screen
// the user would see. Colours and modes other than the alternate screen
// are ignored.
type vt struct {
	mu         sync.Mutex
	w, h       int
	cells      [][]rune // 0 marks the right half of a wide rune
	x, y       int
	wrap       bool // the last print filled the last column
	top, bot   int  // scroll region, inclusive
	saveX      int
	saveY      int
	last       rune
	title      string
	raw        strings.Builder
	p          *ansi.Parser
	osc52      []string // clipboard payloads seen (base64)
	frames     int      // bytes written, for waiting on change
	altEntered bool
	changed    chan struct{} // a write came (buffered: one pending signal)
	noRaw      bool          // keep no copy of the bytes (benchmarks)
}

func newVT(w, h int) *vt {
	t := &vt{changed: make(chan struct{}, 1)}
	t.resize(w, h)
	t.p = ansi.NewParser()
	t.p.SetHandler(ansi.Handler{
		Print: t.print, Execute: t.execute, HandleCsi: t.csi, HandleEsc: t.esc, HandleOsc: t.osc,
	})
	return t
}

func (t *vt) resize(w, h int) {
	t.w, t.h = w, h
	t.cells = make([][]rune, h)
	for i := range t.cells {
		t.cells[i] = blankLine(w)
	}
	t.top, t.bot = 0, h-1
	t.x, t.y = min(t.x, w-1), min(t.y, h-1)
}

// Resize is the user resizing their window: the grid keeps nothing (the
// program redraws in full).
func (t *vt) Resize(w, h int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.resize(w, h)
}

func blankLine(w int) []rune {
	l := make([]rune, w)
	for i := range l {
		l[i] = ' '
	}
	return l
}

func (t *vt) Write(b []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if !t.noRaw {
		t.raw.Write(b)
	}
	t.frames += len(b)
	t.p.Parse(b)
	select {
	case t.changed <- struct{}{}:
	default:
	}
	return len(b), nil
}

// Screen is what the terminal shows, lines without trailing blanks.
func (t *vt) Screen() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	lines := make([]string, t.h)
	for i, l := range t.cells {
		var b strings.Builder
		for _, r := range l {
			if r != 0 {
				b.WriteRune(r)
			}
		}
		lines[i] = strings.TrimRight(b.String(), " ")
	}
	return strings.Join(lines, "\n")
}

// Line is row y of the screen.
func (t *vt) Line(y int) string {
	lines := strings.Split(t.Screen(), "\n")
	if y < 0 {
		y += len(lines)
	}
	if y < 0 || y >= len(lines) {
		return ""
	}
	return lines[y]
}

func (t *vt) Raw() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.raw.String()
}

func (t *vt) Title() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.title
}

func (t *vt) Clipboard() []string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return append([]string(nil), t.osc52...)
}

func (t *vt) Bytes() int {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.frames
}

func (t *vt) print(r rune) {
	rw := ansi.StringWidth(string(r))
	if rw == 0 {
		return // combining marks: not needed by these tests
	}
	if t.wrap {
		t.x, t.wrap = 0, false
		t.lineFeed()
	}
	if t.x+rw > t.w {
		t.x = 0
		t.lineFeed()
	}
	t.cells[t.y][t.x] = r
	if rw == 2 && t.x+1 < t.w {
		t.cells[t.y][t.x+1] = 0
	}
	t.last = r
	if t.x+rw >= t.w {
		t.x, t.wrap = t.w-1, true
		return
	}
	t.x += rw
}

func (t *vt) execute(b byte) {
	switch b {
	case '\r':
		t.x, t.wrap = 0, false
	case '\n', '\v', '\f':
		t.wrap = false
		t.lineFeed()
	case '\b':
		t.x, t.wrap = max(t.x-1, 0), false
	case '\t':
		t.x = min((t.x/8+1)*8, t.w-1)
	}
}

func (t *vt) lineFeed() {
	if t.y == t.bot {
		t.scrollUp(1)
		return
	}
	t.y = min(t.y+1, t.h-1)
}

func (t *vt) scrollUp(n int) {
	for range n {
		copy(t.cells[t.top:t.bot], t.cells[t.top+1:t.bot+1])
		t.cells[t.bot] = blankLine(t.w)
	}
}

func (t *vt) scrollDown(n int) {
	for range n {
		copy(t.cells[t.top+1:t.bot+1], t.cells[t.top:t.bot])
		t.cells[t.top] = blankLine(t.w)
	}
}

func (t *vt) moveTo(x, y int) {
	t.x, t.y, t.wrap = max(0, min(x, t.w-1)), max(0, min(y, t.h-1)), false
}

func (t *vt) erase(y, from, to int) {
	for x := max(from, 0); x < min(to, t.w); x++ {
		t.cells[y][x] = ' '
	}
}

func (t *vt) csi(cmd ansi.Cmd, params ansi.Params) {
	p := func(i, def int) int {
		v, _, _ := params.Param(i, def)
		if v == 0 && def > 0 {
			return def
		}
		return v
	}
	if cmd.Prefix() == '?' {
		if n := p(0, 0); n == 1049 || n == 47 || n == 1047 {
			t.resize(t.w, t.h) // entering or leaving the alternate screen: a blank one
			t.altEntered = true
		}
		return
	}
	if cmd.Intermediate() != 0 {
		return
	}
	switch cmd.Final() {
	case 'A':
		t.moveTo(t.x, t.y-p(0, 1))
	case 'B':
		t.moveTo(t.x, t.y+p(0, 1))
	case 'C':
		t.moveTo(t.x+p(0, 1), t.y)
	case 'D':
		t.moveTo(t.x-p(0, 1), t.y)
	case 'E':
		t.moveTo(0, t.y+p(0, 1))
	case 'F':
		t.moveTo(0, t.y-p(0, 1))
	case 'G', '`':
		t.moveTo(p(0, 1)-1, t.y)
	case 'd':
		t.moveTo(t.x, p(0, 1)-1)
	case 'H', 'f':
		t.moveTo(p(1, 1)-1, p(0, 1)-1)
	case 'J':
		switch p(0, 0) {
		case 0:
			t.erase(t.y, t.x, t.w)
			for y := t.y + 1; y < t.h; y++ {
				t.erase(y, 0, t.w)
			}
		case 1:
			t.erase(t.y, 0, t.x+1)
			for y := 0; y < t.y; y++ {
				t.erase(y, 0, t.w)
			}
		default:
			for y := 0; y < t.h; y++ {
				t.erase(y, 0, t.w)
			}
		}
	case 'K':
		switch p(0, 0) {
		case 0:
			t.erase(t.y, t.x, t.w)
		case 1:
			t.erase(t.y, 0, t.x+1)
		default:
			t.erase(t.y, 0, t.w)
		}
	case 'X':
		t.erase(t.y, t.x, t.x+p(0, 1))
	case '@':
		n, l := p(0, 1), t.cells[t.y]
		copy(l[min(t.x+n, t.w):], l[t.x:])
		t.erase(t.y, t.x, t.x+n)
	case 'P':
		n, l := p(0, 1), t.cells[t.y]
		copy(l[t.x:], l[min(t.x+n, t.w):])
		t.erase(t.y, t.w-n, t.w)
	case 'L', 'M':
		if t.y < t.top || t.y > t.bot {
			return
		}
		top := t.top
		t.top = t.y
		if cmd.Final() == 'L' {
			t.scrollDown(p(0, 1))
		} else {
			t.scrollUp(p(0, 1))
		}
		t.top = top
		t.x = 0
	case 'S':
		t.scrollUp(p(0, 1))
	case 'T':
		t.scrollDown(p(0, 1))
	case 'r':
		t.top, t.bot = p(0, 1)-1, p(1, t.h)-1
		if t.top < 0 || t.bot >= t.h || t.top >= t.bot {
			t.top, t.bot = 0, t.h-1
		}
		t.moveTo(0, 0)
	case 'Z':
		t.moveTo(max((t.x-1)/8*8, 0), t.y)
	case 'b':
		for range p(0, 1) {
			t.print(t.last)
		}
	case 's':
		t.saveX, t.saveY = t.x, t.y
	case 'u':
		t.moveTo(t.saveX, t.saveY)
	}
}

func (t *vt) esc(cmd ansi.Cmd) {
	if cmd.Intermediate() != 0 {
		return
	}
	switch cmd.Final() {
	case '7':
		t.saveX, t.saveY = t.x, t.y
	case '8':
		t.moveTo(t.saveX, t.saveY)
	case 'D':
		t.lineFeed()
	case 'E':
		t.x = 0
		t.lineFeed()
	case 'M':
		if t.y == t.top {
			t.scrollDown(1)
		} else {
			t.moveTo(t.x, t.y-1)
		}
	}
}

func (t *vt) osc(cmd int, data []byte) {
	_, rest, _ := strings.Cut(string(data), ";")
	switch cmd {
	case 0, 2:
		t.title = rest
	case 52:
		if _, payload, ok := strings.Cut(rest, ";"); ok {
			t.osc52 = append(t.osc52, payload)
		}
	}
}
