package participants

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/text"
)

// Sort is an order of the participants; `s` cycles them.
type Sort uint8

const (
	ByWorst      Sort = iota // failed, then problems (most first), then good, then nothing to judge
	ByName                   // alphabetical, ignoring case
	BySessions               // most sessions first
	ByLoss                   // worst audio packet loss first, unmeasured last
	ByRoundTrip              // worst audio round trip first, unmeasured last
	ByWifiSignal             // weakest Wi-Fi signal first, no Wi-Fi last
	sorts
)

func (s Sort) String() string {
	switch s {
	case ByName:
		return "by name"
	case BySessions:
		return "by sessions"
	case ByLoss:
		return "by worst audio loss"
	case ByRoundTrip:
		return "by worst round trip"
	case ByWifiSignal:
		return "by Wi-Fi signal"
	}
	return "worst first"
}

// Next is the sort `s` switches to.
func (s Sort) Next() Sort { return (s + 1) % sorts }

// View is what the user chose to see: plain, comparable data.
type View struct {
	Filter string // matched, ignoring case, against every column as shown
	Sort   Sort
}

// List is a record's participant rows with what its views need, worked
// out on first use. It is not safe for concurrent use.
type List struct {
	Rows  []Row
	order [sorts][]int32
	hay   []string
}

// New wraps rows (see Build) for viewing.
func New(rows []Row) *List { return &List{Rows: rows} }

// Visible is the rows v shows, as indices into l.Rows in v's order,
// appended to dst[:0].
func (l *List) Visible(v View, dst []int32) []int32 {
	dst = dst[:0]
	needle := strings.ToLower(text.OneLine(v.Filter))
	if needle != "" && l.hay == nil {
		l.hay = make([]string, len(l.Rows))
		for i := range l.Rows {
			l.hay[i] = strings.ToLower(l.Rows[i].shown())
		}
	}
	for _, i := range l.sorted(v.Sort) {
		if needle == "" || strings.Contains(l.hay[i], needle) {
			dst = append(dst, i)
		}
	}
	return dst
}

// shown is every column as the view shows it, a tab between columns.
func (r *Row) shown() string {
	return strings.Join([]string{r.Name, r.Role, strconv.Itoa(len(r.Sessions)), r.Quality.State().String(),
		r.Worst.Words, r.Connection, r.Platform, r.Address()}, "\t")
}

func (l *List) sorted(s Sort) []int32 {
	if s >= sorts {
		s = ByWorst
	}
	if l.order[s] != nil {
		return l.order[s]
	}
	rows := l.Rows
	idx := make([]int32, len(rows))
	folded := make([]string, len(rows))
	for i := range idx {
		idx[i] = int32(i)
		folded[i] = strings.ToLower(rows[i].Name)
	}
	byName := func(a, b int32) int { return cmp.Or(strings.Compare(folded[a], folded[b]), cmp.Compare(a, b)) }
	var key func(a, b *Row) int
	switch s {
	case ByWorst:
		key = func(a, b *Row) int {
			return cmp.Or(cmp.Compare(b.Quality.State(), a.Quality.State()), cmp.Compare(b.Quality.Problems(), a.Quality.Problems()))
		}
	case ByName:
		key = func(a, b *Row) int { return 0 }
	case BySessions:
		key = func(a, b *Row) int { return cmp.Compare(len(b.Sessions), len(a.Sessions)) }
	case ByLoss:
		key = func(a, b *Row) int { return worstFirst(a.Loss, b.Loss) }
	case ByRoundTrip:
		key = func(a, b *Row) int { return worstFirst(a.RoundTrip, b.RoundTrip) }
	case ByWifiSignal:
		key = func(a, b *Row) int {
			return cmp.Or(missingLast(a.WifiSignal.OK, b.WifiSignal.OK), cmp.Compare(a.WifiSignal.V, b.WifiSignal.V))
		}
	}
	slices.SortFunc(idx, func(a, b int32) int { return cmp.Or(key(&rows[a], &rows[b]), byName(a, b)) })
	l.order[s] = idx
	return idx
}

// worstFirst orders the larger value first, a missing one last.
func worstFirst[T cmp.Ordered](a, b data.Opt[T]) int {
	return cmp.Or(missingLast(a.OK, b.OK), cmp.Compare(b.V, a.V))
}

func missingLast(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return -1
	}
	return 1
}

// Title is "N of M participants", with the position of the cursor when
// there is one (at ≥ 1): "3/12 of 40 participants".
func Title(at, shown, all int) string {
	n := strconv.Itoa(shown)
	if at > 0 {
		n = strconv.Itoa(at) + "/" + n
	}
	return n + " of " + text.Plural(all, "participant")
}
