package problems

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/callscope/callscope/text"
)

// Sort is an order of the list; `s` cycles them.
type Sort uint8

const (
	BySeverity Sort = iota // most severe first, then by time
	ByWho                  // by participant, then most severe first, then by time
	ByTime                 // by time, then most severe first
	sorts
)

func (s Sort) String() string {
	switch s {
	case ByWho:
		return "by who"
	case ByTime:
		return "by time"
	}
	return "most severe first"
}

// Next is the sort `s` switches to.
func (s Sort) Next() Sort { return (s + 1) % sorts }

// Mask is a set of severities, media or categories by their values; the
// empty set means all of them (no narrowing).
type Mask uint16

// Of is the set of the given values.
func Of[T ~uint8](values ...T) Mask {
	var m Mask
	for _, v := range values {
		m |= 1 << v
	}
	return m
}

// Has tells whether the set lets v through: the empty set lets all through.
func (m Mask) Has(v uint8) bool { return m == 0 || m&(1<<v) != 0 }

// cycle steps through all (empty), then each of n values alone, then all
// again; a set of several values steps to all.
func (m Mask) cycle(n uint8) Mask {
	for v := range n {
		if m == 1<<v {
			if v+1 == n {
				return 0
			}
			return 1 << (v + 1)
		}
	}
	if m == 0 {
		return 1
	}
	return 0
}

// View is what the user chose to see: plain, comparable data (a caller can
// keep the last one and its answer).
type View struct {
	Filter     string // matched, ignoring case, against who, what, media and category as shown
	Severities Mask   // of Severity
	Media      Mask   // of Media
	Categories Mask   // of Category
	Sort       Sort
}

// CycleSeverity narrows to failed, then problem, then warning, then none.
func (v *View) CycleSeverity() { v.Severities = v.Severities.cycle(uint8(severities)) }

// CycleMedia narrows to audio, video, screen sharing, other media, no
// media, then none.
func (v *View) CycleMedia() { v.Media = v.Media.cycle(uint8(medias)) }

// CycleCategory narrows to network, device, feedback, failure, then none.
func (v *View) CycleCategory() { v.Categories = v.Categories.cycle(uint8(categories)) }

// CycleSort switches to the next sort.
func (v *View) CycleSort() { v.Sort = v.Sort.Next() }

// Narrowed says the narrowing in force in words for a footer, e.g.
// "problem · audio"; "" when nothing is narrowed.
func (v View) Narrowed() string {
	var parts []string
	parts = appendNames(parts, v.Severities, uint8(severities), func(i uint8) string { return Severity(i).String() })
	parts = appendNames(parts, v.Media, uint8(medias), func(i uint8) string { return Media(i).String() })
	parts = appendNames(parts, v.Categories, uint8(categories), func(i uint8) string { return Category(i).String() })
	return strings.Join(parts, " · ")
}

func appendNames(parts []string, m Mask, n uint8, name func(uint8) string) []string {
	if m == 0 {
		return parts
	}
	var in []string
	for i := range n {
		if m.Has(i) {
			in = append(in, name(i))
		}
	}
	return append(parts, strings.Join(in, "/"))
}

// List is a record's problems with what its views need, worked out once:
// each sort's order on first use, and the text a filter matches on the
// first filter. Build it once per record; it is not safe for concurrent
// use (each explorer has its own).
type List struct {
	Rows  []Row
	order [sorts][]int32
	hay   []string // per row: who, what, media, category, lower-cased
	who   []int32  // per row: the length of the folded who that starts hay
}

// New wraps a record's rows (see Build) for viewing.
func New(rows []Row) *List { return &List{Rows: rows} }

// Visible is the rows v shows, as indices into l.Rows in v's order,
// appended to dst[:0] (pass the last answer to reuse its memory).
func (l *List) Visible(v View, dst []int32) []int32 {
	dst = dst[:0]
	// One line, as the fields are: a tab typed or pasted cannot match
	// across two of them.
	needle := strings.ToLower(text.OneLine(v.Filter))
	if needle != "" && l.hay == nil {
		l.hay, l.who = haystacks(l.Rows)
	}
	for _, i := range l.sorted(v.Sort) {
		r := &l.Rows[i]
		if !v.Severities.Has(uint8(r.Severity)) || !v.Media.Has(uint8(r.Media)) || !v.Categories.Has(uint8(r.Category)) {
			continue
		}
		if needle != "" && !strings.Contains(l.hay[i], needle) {
			continue
		}
		dst = append(dst, i)
	}
	return dst
}

// haystacks are the rows' words as shown, lower-cased, one string a row
// (a tab between fields, which no cleaned text holds, so that a filter
// does not match across two of them), all cut from one string: the big
// meeting has tens of thousands of rows.
func haystacks(rows []Row) (hay []string, who []int32) {
	n := 0
	for i := range rows {
		n += len(rows[i].Who) + len(rows[i].What) + 32
	}
	buf := make([]byte, 0, n)
	ends := make([]int, len(rows))
	who = make([]int32, len(rows))
	for i := range rows {
		r := &rows[i]
		start := len(buf)
		buf = appendLower(buf, r.Who)
		who[i] = int32(len(buf) - start)
		buf = append(buf, '\t')
		buf = appendLower(buf, r.What)
		buf = append(buf, '\t')
		buf = append(buf, r.Media.String()...)
		buf = append(buf, '\t')
		buf = append(buf, r.Category.String()...)
		ends[i] = len(buf)
	}
	all := string(buf)
	out := make([]string, len(rows))
	start := 0
	for i, end := range ends {
		out[i] = all[start:end]
		start = end
	}
	return out, who
}

// appendLower appends s lower-cased as strings.ToLower does it.
func appendLower(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return append(dst, strings.ToLower(s[i:])...)
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// sorted is the rows' order for a sort, worked out on first use.
func (l *List) sorted(s Sort) []int32 {
	if s >= sorts {
		s = BySeverity
	}
	if l.order[s] != nil {
		return l.order[s]
	}
	if s == ByWho {
		l.order[s] = l.byWho()
		return l.order[s]
	}
	idx := make([]int32, len(l.Rows))
	for i := range idx {
		idx[i] = int32(i)
	}
	rows := l.Rows
	// Unknown times last; ties keep the rows' order (the indices break them).
	byTime := func(a, b *Row) int {
		switch az, bz := a.Time.IsZero(), b.Time.IsZero(); {
		case az && bz:
			return 0
		case az:
			return 1
		case bz:
			return -1
		}
		return a.Time.Compare(b.Time)
	}
	var cmpRows func(a, b int32) int
	switch s {
	case BySeverity:
		cmpRows = func(a, b int32) int {
			ra, rb := &rows[a], &rows[b]
			return cmp.Or(cmp.Compare(ra.Severity, rb.Severity), byTime(ra, rb), cmp.Compare(a, b))
		}
	case ByTime:
		cmpRows = func(a, b int32) int {
			ra, rb := &rows[a], &rows[b]
			return cmp.Or(byTime(ra, rb), cmp.Compare(ra.Severity, rb.Severity), cmp.Compare(a, b))
		}
	}
	slices.SortFunc(idx, cmpRows)
	l.order[s] = idx
	return idx
}

// byWho orders the rows by who, ignoring case, then as BySeverity does.
// A big meeting has tens of thousands of rows but a few thousand names:
// each name is folded and ranked once, and the rows are sorted by their
// name's rank and their place in the BySeverity order, packed in one
// integer, which sorts several times faster than comparing the names.
func (l *List) byWho() []int32 {
	sev := l.sorted(BySeverity)
	rank := map[string]uint32{}
	type name struct{ who, folded string }
	var names []name
	for i := range l.Rows {
		if _, ok := rank[l.Rows[i].Who]; !ok {
			rank[l.Rows[i].Who] = 0
			names = append(names, name{l.Rows[i].Who, strings.ToLower(l.Rows[i].Who)})
		}
	}
	slices.SortFunc(names, func(a, b name) int { return strings.Compare(a.folded, b.folded) })
	r := uint32(0)
	for k, n := range names {
		if k > 0 && n.folded != names[k-1].folded {
			r++ // names that differ only in case rank together
		}
		rank[n.who] = r
	}
	keys := make([]uint64, len(sev))
	for pos, i := range sev {
		keys[pos] = uint64(rank[l.Rows[i].Who])<<32 | uint64(pos)
	}
	slices.Sort(keys)
	idx := make([]int32, len(keys))
	for k, key := range keys {
		idx[k] = sev[uint32(key)]
	}
	return idx
}

// Title is "N of M problems" for the rows shown of all.
func Title(shown, all int) string {
	return strconv.Itoa(shown) + " of " + text.Plural(all, "problem")
}

// Markdown is the rows shown as a markdown table under the title, every
// cell escaped: what `y` copies.
func (l *List) Markdown(visible []int32) string {
	var b strings.Builder
	b.WriteString("### " + Title(len(visible), len(l.Rows)) + "\n\n")
	b.WriteString("| | Who | What | Media | Category | When |\n|---|---|---|---|---|---|\n")
	for _, i := range visible {
		r := &l.Rows[i]
		for _, cell := range []string{r.Severity.Mark() + " " + r.Severity.String(), r.Who, r.What, r.Media.String(), r.Category.String(), r.When()} {
			b.WriteString("| ")
			b.WriteString(text.MarkdownCell(cell))
			b.WriteByte(' ')
		}
		b.WriteString("|\n")
	}
	return b.String()
}
