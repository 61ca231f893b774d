package ui

import (
	"slices"

	"github.com/callscope/callscope/data"
)

// Level is a node's depth in the call tree.
type Level uint8

const (
	LevelCall Level = iota
	LevelSession
	LevelSegment
	LevelMedia
	LevelStream
)

// Node names one node of the tree by its indices in the file. It is small
// and comparable: rows are slices of Nodes and the expansion state is a set.
type Node struct {
	Level               Level
	Rec, Se, Sg, Md, St int32
}

// Parent is the node one level up; a call is its own parent.
func (n Node) Parent() Node {
	switch n.Level {
	case LevelStream:
		return Node{LevelMedia, n.Rec, n.Se, n.Sg, n.Md, 0}
	case LevelMedia:
		return Node{LevelSegment, n.Rec, n.Se, n.Sg, 0, 0}
	case LevelSegment:
		return Node{LevelSession, n.Rec, n.Se, 0, 0, 0}
	case LevelSession:
		return Node{LevelCall, n.Rec, 0, 0, 0, 0}
	}
	return n
}

// IsAncestorOf tells whether n lies on the path from the call to m.
func (n Node) IsAncestorOf(m Node) bool {
	for m.Level > n.Level {
		m = m.Parent()
	}
	return m == n
}

// Tree is the flat list of visible rows over a file's records, with a
// cursor. Only the rows on screen are ever drawn, and moving the cursor is
// O(1), so a meeting with thousands of sessions scrolls like a two-party call.
type Tree struct {
	file  *data.File
	order [][]int32 // per record: session indices ordered by start time
	rank  [][]int32 // per record: a session's position in order
	open  map[Node]bool
	rows  []Node

	// filter hides the nodes it returns false for (and all below them);
	// nil shows everything. The calls are always shown.
	filter func(Node) bool
	// problems are where the problems lie, in display order, found once on
	// first use (see Problems).
	problems []Node
	// pstn is what PSTN and Direct Routing logs say of the legs (pstn.go).
	pstn *pstnFile

	cursor, offset int
	height         int
}

// NewTree opens every call to its sessions, with the cursor on the first call.
func NewTree(f *data.File) *Tree {
	t := &Tree{file: f, open: map[Node]bool{}}
	for ri, r := range f.Records {
		idx := make([]int32, len(r.Sessions))
		for i := range idx {
			idx[i] = int32(i)
		}
		// Stable: sessions without a start keep their place at the end.
		slices.SortStableFunc(idx, func(a, b int32) int {
			sa, sb := r.Sessions[a].Start, r.Sessions[b].Start
			switch {
			case sa.IsZero() && sb.IsZero():
				return 0
			case sa.IsZero():
				return 1
			case sb.IsZero():
				return -1
			}
			return sa.Compare(sb)
		})
		t.order = append(t.order, idx)
		rank := make([]int32, len(idx))
		for pos, se := range idx {
			rank[se] = int32(pos)
		}
		t.rank = append(t.rank, rank)
		if len(f.Records) == 1 || len(r.Sessions) > 0 {
			t.open[Node{Level: LevelCall, Rec: int32(ri)}] = true
		}
	}
	t.rebuild()
	return t
}

// Rows is the number of visible rows.
func (t *Tree) Rows() int { return len(t.rows) }

// Row returns visible row i.
func (t *Tree) Row(i int) Node { return t.rows[i] }

// Cursor is the selected row's index; Selected the node there.
func (t *Tree) Cursor() int { return t.cursor }

func (t *Tree) Selected() Node {
	if len(t.rows) == 0 {
		return Node{}
	}
	return t.rows[t.cursor]
}

// Offset is the first row on screen.
func (t *Tree) Offset() int { return t.offset }

// SetHeight sets how many rows fit on screen.
func (t *Tree) SetHeight(h int) {
	t.height = max(h, 0)
	t.scroll()
}

// IsOpen tells whether a node shows its children.
func (t *Tree) IsOpen(n Node) bool { return t.open[n] }

// ChildCount is how many children a node has.
func (t *Tree) ChildCount(n Node) int {
	r := t.file.Records[n.Rec]
	switch n.Level {
	case LevelCall:
		return len(r.Sessions)
	case LevelSession:
		return len(r.Sessions[n.Se].Segments)
	case LevelSegment:
		return len(r.Sessions[n.Se].Segments[n.Sg].Media)
	case LevelMedia:
		return len(r.Sessions[n.Se].Segments[n.Sg].Media[n.Md].Streams)
	}
	return 0
}

// child returns the i-th child of n in display order.
func (t *Tree) child(n Node, i int) Node {
	c := n
	c.Level = n.Level + 1
	switch n.Level {
	case LevelCall:
		c.Se = t.order[n.Rec][i]
	case LevelSession:
		c.Sg = int32(i)
	case LevelSegment:
		c.Md = int32(i)
	case LevelMedia:
		c.St = int32(i)
	}
	return c
}

// appendVisible appends n's visible descendants, depth first.
func (t *Tree) appendVisible(dst []Node, n Node) []Node {
	if !t.open[n] {
		return dst
	}
	for i, k := 0, t.ChildCount(n); i < k; i++ {
		c := t.child(n, i)
		if t.filter != nil && !t.filter(c) {
			continue
		}
		dst = append(dst, c)
		dst = t.appendVisible(dst, c)
	}
	return dst
}

// SetFilter shows only the nodes keep accepts (nil: all), opening the path
// to every node it accepts below the sessions, so what it selects is seen.
func (t *Tree) SetFilter(keep func(Node) bool, open bool) {
	t.filter = keep
	if keep != nil && open {
		for ri := range t.file.Records {
			t.openMatching(Node{Level: LevelCall, Rec: int32(ri)})
		}
	}
	t.rebuild()
}

// Filtered tells whether a filter is on.
func (t *Tree) Filtered() bool { return t.filter != nil }

// openMatching opens n and every accepted node below it that has accepted
// children.
func (t *Tree) openMatching(n Node) bool {
	any := false
	for i, k := 0, t.ChildCount(n); i < k; i++ {
		c := t.child(n, i)
		if t.filter(c) {
			any = true
			t.openMatching(c)
		}
	}
	if any {
		t.open[n] = true
	}
	return any
}

// visibleUnderFilter tells whether the filter lets n and its ancestors show.
func (t *Tree) visibleUnderFilter(n Node) bool {
	if t.filter == nil {
		return true
	}
	for m := n; m.Level > LevelCall; m = m.Parent() {
		if !t.filter(m) {
			return false
		}
	}
	return true
}

// Problems are where the problems lie, in the tree's display order: failed
// sessions and segments (a failure once: a segment's that repeats its
// session's is the session's), sessions with poor feedback, media whose
// device or network caused a problem finding, and poor streams. Every row
// marked ⊘ or ✗ leads to one of them.
func (t *Tree) Problems() []Node {
	if t.problems != nil {
		return t.problems
	}
	t.problems = []Node{}
	for ri, r := range t.file.Records {
		for _, se := range t.order[ri] {
			s := r.Sessions[se]
			// The session's own problem findings: its roll-up's, less its segments'.
			own := s.Quality.ProblemFindings
			for _, sg := range s.Segments {
				own -= sg.Quality.ProblemFindings
			}
			if s.Failure != nil || own > 0 {
				t.problems = append(t.problems, Node{Level: LevelSession, Rec: int32(ri), Se: se})
			}
			for gi, sg := range s.Segments {
				if sg.OwnFailure(s) != nil {
					t.problems = append(t.problems, Node{LevelSegment, int32(ri), se, int32(gi), 0, 0})
				}
				for mi, m := range sg.Media {
					if m.Quality.ProblemFindings > 0 {
						t.problems = append(t.problems, Node{LevelMedia, int32(ri), se, int32(gi), int32(mi), 0})
					}
					for si, st := range m.Streams {
						if st.Quality.Verdict == data.Poor {
							t.problems = append(t.problems, Node{LevelStream, int32(ri), se, int32(gi), int32(mi), int32(si)})
						}
					}
				}
			}
		}
	}
	return t.problems
}

// placeOf is the data's name for a node (the inverse of nodeOf): -1 below
// the node's level.
func placeOf(n Node) data.Place {
	p := data.Place{Rec: int(n.Rec), Se: int(n.Se), Sg: int(n.Sg), Md: int(n.Md), St: int(n.St)}
	for lv, x := range []*int{&p.Se, &p.Sg, &p.Md, &p.St} {
		if Level(lv+1) > n.Level {
			*x = -1
		}
	}
	return p
}

// order key of a node in display order: parents before their children.
func (t *Tree) key(n Node) [5]int32 {
	k := [5]int32{n.Rec, -1, -1, -1, -1}
	if n.Level >= LevelSession {
		k[1] = t.rank[n.Rec][n.Se]
	}
	if n.Level >= LevelSegment {
		k[2] = n.Sg
	}
	if n.Level >= LevelMedia {
		k[3] = n.Md
	}
	if n.Level >= LevelStream {
		k[4] = n.St
	}
	return k
}

func less(a, b [5]int32) bool {
	for i := range a {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return false
}

// JumpProblem moves to the next (dir 1) or previous (dir -1) problem the
// filter lets show, wrapping around, and opens the path to it. It returns
// the problem's position (1-based) and how many there are; 0, 0 if none.
func (t *Tree) JumpProblem(dir int) (int, int) { return t.Jump(t.Problems(), dir) }

// Jump moves to the next or previous of nodes (in display order) after the
// cursor, wrapping around, skipping what the filter hides.
func (t *Tree) Jump(nodes []Node, dir int) (int, int) {
	var shown []Node
	for _, p := range nodes {
		if t.visibleUnderFilter(p) {
			shown = append(shown, p)
		}
	}
	if len(shown) == 0 {
		return 0, 0
	}
	cur := t.key(t.Selected())
	i := -1
	if dir > 0 {
		for j, p := range shown {
			if less(cur, t.key(p)) {
				i = j
				break
			}
		}
		if i < 0 {
			i = 0 // wrap to the first
		}
	} else {
		for j := len(shown) - 1; j >= 0; j-- {
			if less(t.key(shown[j]), cur) {
				i = j
				break
			}
		}
		if i < 0 {
			i = len(shown) - 1 // wrap to the last
		}
	}
	t.Reveal(shown[i])
	return i + 1, len(shown)
}

// SortDisplay sorts nodes into display order.
func (t *Tree) SortDisplay(nodes []Node) {
	slices.SortFunc(nodes, func(a, b Node) int {
		ka, kb := t.key(a), t.key(b)
		switch {
		case less(ka, kb):
			return -1
		case less(kb, ka):
			return 1
		}
		return 0
	})
}

// AllNodes calls fn for every node of the file, in display order, until fn
// returns false.
func (t *Tree) AllNodes(fn func(Node) bool) {
	var walk func(n Node) bool
	walk = func(n Node) bool {
		if !fn(n) {
			return false
		}
		for i, k := 0, t.ChildCount(n); i < k; i++ {
			if !walk(t.child(n, i)) {
				return false
			}
		}
		return true
	}
	for ri := range t.file.Records {
		if !walk(Node{Level: LevelCall, Rec: int32(ri)}) {
			return
		}
	}
}

// rebuild lays out every visible row again and keeps the cursor on the same
// node, or on its nearest visible ancestor.
func (t *Tree) rebuild() {
	var sel Node
	had := len(t.rows) > 0
	if had {
		sel = t.rows[t.cursor]
	}
	t.rows = t.rows[:0]
	for ri := range t.file.Records {
		n := Node{Level: LevelCall, Rec: int32(ri)}
		t.rows = append(t.rows, n)
		t.rows = t.appendVisible(t.rows, n)
	}
	t.cursor = 0
	if had {
		t.cursor = t.indexOfVisible(sel)
	}
	t.scroll()
}

// indexOfVisible finds n's row, or its nearest visible ancestor's.
func (t *Tree) indexOfVisible(n Node) int {
	for {
		if i := slices.Index(t.rows, n); i >= 0 {
			return i
		}
		if n.Level == LevelCall {
			return 0
		}
		n = n.Parent()
	}
}

// subtreeEnd is the index after the last visible descendant of row i.
func (t *Tree) subtreeEnd(i int) int {
	n := t.rows[i]
	j := i + 1
	for j < len(t.rows) && t.rows[j].Level > n.Level {
		j++
	}
	return j
}

// Expand opens the node at the cursor; on an open node it steps to the first child.
func (t *Tree) Expand() {
	if len(t.rows) == 0 {
		return
	}
	n := t.rows[t.cursor]
	if t.ChildCount(n) == 0 {
		return
	}
	if t.open[n] {
		t.Move(1)
		return
	}
	t.open[n] = true
	sub := t.appendVisible(nil, n)
	t.rows = slices.Insert(t.rows, t.cursor+1, sub...)
	t.scroll()
}

// Collapse closes the node at the cursor; on a closed node it goes to the parent.
func (t *Tree) Collapse() {
	if len(t.rows) == 0 {
		return
	}
	n := t.rows[t.cursor]
	if t.open[n] && t.ChildCount(n) > 0 {
		delete(t.open, n)
		t.rows = slices.Delete(t.rows, t.cursor+1, t.subtreeEnd(t.cursor))
		t.scroll()
		return
	}
	if n.Level == LevelCall {
		return
	}
	p := n.Parent()
	for i := t.cursor - 1; i >= 0; i-- {
		if t.rows[i] == p {
			t.cursor = i
			break
		}
	}
	t.scroll()
}

// ExpandAll opens the whole subtree under the cursor.
func (t *Tree) ExpandAll() {
	if len(t.rows) == 0 {
		return
	}
	t.setOpenBelow(t.rows[t.cursor], LevelStream)
	t.rebuild()
}

// CollapseAll closes the whole subtree under the cursor.
func (t *Tree) CollapseAll() {
	if len(t.rows) == 0 {
		return
	}
	n := t.rows[t.cursor]
	for k := range t.open {
		if n.IsAncestorOf(k) {
			delete(t.open, k)
		}
	}
	t.rebuild()
}

// setOpenBelow opens n and its descendants above level stop.
func (t *Tree) setOpenBelow(n Node, stop Level) {
	if n.Level >= stop || t.ChildCount(n) == 0 {
		return
	}
	t.open[n] = true
	for i, k := 0, t.ChildCount(n); i < k; i++ {
		t.setOpenBelow(t.child(n, i), stop)
	}
}

// ShowDepth shows every call down to a level: 1 sessions, 2 segments, 3
// media, 4 streams.
func (t *Tree) ShowDepth(level Level) {
	clear(t.open)
	for ri := range t.file.Records {
		t.setOpenBelow(Node{Level: LevelCall, Rec: int32(ri)}, level)
	}
	t.rebuild()
}

// Reveal opens the path to n and puts the cursor on it.
func (t *Tree) Reveal(n Node) {
	for p := n; p.Level > LevelCall; {
		p = p.Parent()
		t.open[p] = true
	}
	t.rebuild()
	t.cursor = t.indexOfVisible(n)
	t.scroll()
}

// Move moves the cursor by d rows, stopping at the ends.
func (t *Tree) Move(d int) {
	t.cursor = min(max(t.cursor+d, 0), max(len(t.rows)-1, 0))
	t.scroll()
}

// MoveTo puts the cursor on row i.
func (t *Tree) MoveTo(i int) { t.Move(i - t.cursor) }

// scroll keeps the cursor on screen.
func (t *Tree) scroll() {
	if t.height <= 0 {
		t.offset = t.cursor
		return
	}
	if t.cursor < t.offset {
		t.offset = t.cursor
	}
	if t.cursor >= t.offset+t.height {
		t.offset = t.cursor - t.height + 1
	}
	t.offset = max(0, min(t.offset, len(t.rows)-t.height))
}
