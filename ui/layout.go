package ui

// Arrangement is how the two panes share the screen.
type Arrangement uint8

const (
	SideBySide Arrangement = iota // wide: tree left, details right
	Stacked                       // narrow and tall: tree above details
	Single                        // small: one pane at a time, tab switches
)

// Layout is where everything goes at one terminal size. Heights count the
// pane contents, not their title rules.
type Layout struct {
	Arrangement      Arrangement
	Width, Height    int
	TreeW, TreeH     int
	DetailW, DetailH int
}

const (
	sideBySideFrom = 100 // columns
	stackedFrom    = 30  // rows
)

// ComputeLayout splits a w×h screen: a header line, a title rule per pane,
// the panes, and a footer line. Any size works, down to 1×1.
func ComputeLayout(w, h int) Layout {
	l := Layout{Width: max(w, 0), Height: max(h, 0)}
	body := max(l.Height-2, 0) // header and footer
	switch {
	case l.Width >= sideBySideFrom:
		l.Arrangement = SideBySide
		l.TreeW = min(max(l.Width*9/20, 40), 100)
		l.DetailW = max(l.Width-l.TreeW-2, 0) // a rule column and a space between
		l.TreeH = max(body-1, 0)              // one title rule over both
		l.DetailH = l.TreeH
	case l.Height >= stackedFrom:
		l.Arrangement = Stacked
		l.TreeW, l.DetailW = l.Width, l.Width
		inner := max(body-2, 0) // a title rule over each pane
		l.TreeH = inner * 2 / 5
		l.DetailH = inner - l.TreeH
	default:
		l.Arrangement = Single
		l.TreeW, l.DetailW = l.Width, l.Width
		l.TreeH = max(body-1, 0)
		l.DetailH = l.TreeH
	}
	return l
}
