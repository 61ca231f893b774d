package load

import (
	"fmt"
	"strconv"
	"strings"
	"sync/atomic"
	"unsafe"

	"github.com/callscope/callscope/data"
	"github.com/callscope/callscope/jsonscan"
)

// loader walks one document. It collects problems instead of stopping: a
// bad value is reported and left missing, never fatal.
type loader struct {
	path      []step // where the walk is, for messages: sessions[3].segments[0]
	problems  []string
	nProblems int
	truncated string // path of the first PowerShell type name standing where an object belongs
	nextLinks map[string]int
	merged    int // AdditionalProperties levels entered in identity sets

	sessionsRead, noSegments int  // sessions, and those without a segments member
	person                   bool // the endpoint being read carries what only a participant's does

	mem     *budget // what the model may take; nil: no limit
	pending int64   // charged here, not yet taken from mem
	over    bool    // mem ran out: the walk stops
	overAt  string  // where
}

// budget is what the model of one file may take, shared by the workers
// that parse it. Every node the loader makes is charged to it at its size:
// a file of millions of empty objects ({}) is stopped when it would take
// many times its own size, instead of taking all the memory there is.
type budget struct {
	left     atomic.Int64
	limit    int64
	size     int  // the file's
	explicit bool // the limit is --max-memory's, not worked out from size
}

// What the model's nodes cost, with their places in their parents' slices
// (appending leaves up to as much again unused). A stream is charged two
// judgement reasons besides.
const (
	slot        = 16
	costRecord  = int64(unsafe.Sizeof(data.Record{})) + slot
	costSession = int64(unsafe.Sizeof(data.Session{})) + slot
	costSegment = int64(unsafe.Sizeof(data.Segment{})) + slot
	costMedia   = int64(unsafe.Sizeof(data.Media{})) + slot
	costStream  = int64(unsafe.Sizeof(data.Stream{})) + slot + 2*int64(unsafe.Sizeof(data.Reason{}))
	costNetwork = int64(unsafe.Sizeof(data.Network{}))
	costDevice  = int64(unsafe.Sizeof(data.Device{}))
	costHop     = 2 * int64(unsafe.Sizeof(data.Hop{}))
	costID      = 2 * int64(unsafe.Sizeof(data.Identity{}))
	costPart    = 2 * int64(unsafe.Sizeof(data.Participant{}))
	costFeed    = int64(unsafe.Sizeof(data.Feedback{}))
	costString  = 2 * int64(unsafe.Sizeof(""))
)

// charge takes n bytes from the budget for a node of v. The shared count
// is only touched every 64 KiB.
func (l *loader) charge(v jsonscan.Value, n int64) {
	if l.pending += n; l.pending >= 64<<10 {
		l.flush(v.Scanner())
	}
}

// flush takes what was charged from the budget; once it runs out the walk
// stops where it is.
func (l *loader) flush(s *jsonscan.Scanner) {
	if l.mem == nil || l.pending == 0 {
		return
	}
	if l.mem.left.Add(-l.pending) < 0 && !l.over {
		l.over, l.overAt = true, l.where("")
		s.Stop()
	}
	l.pending = 0
}

// error is the one line that says the budget ran out, at where.
func (b *budget) error(name, where string) error {
	whose := fmt.Sprintf("callscope's limit for a file of %s (twice its size plus %s)", SizeText(int64(b.size)), SizeText(memoryFloor))
	if b.explicit {
		whose = "the limit --max-memory gave"
	}
	if where != "" {
		where = " at " + where
	}
	return &LimitError{Name: name, Flag: "--max-memory", Msg: fmt.Sprintf(
		"stopped%s: the file needs more than %s of memory, %s; its objects hold next to nothing (such as {}), "+
			"which call records never do. If the file is real, raise the limit with --max-memory %s",
		where, SizeText(b.limit), whose, sizeArg(4*b.limit))}
}

const maxProblems = 20

// step is one part of a path, kept unformatted: the text is only built
// when a message needs it, never on the fast path.
type step struct {
	key string
	i   int // -1 for an object member
}

// push enters element i of an array, enter a member object.
func (l *loader) push(key string, i int) { l.path = append(l.path, step{key, i}) }
func (l *loader) enter(key string)       { l.path = append(l.path, step{key, -1}) }
func (l *loader) pop()                   { l.path = l.path[:len(l.path)-1] }

func (l *loader) where(field string) string {
	var b strings.Builder
	for _, s := range l.path {
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s.key)
		if s.i >= 0 {
			b.WriteString("[" + strconv.Itoa(s.i) + "]")
		}
	}
	if field != "" {
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(field)
	}
	return b.String()
}

// bad records a value that could not be read.
func (l *loader) bad(field, msg string) {
	l.nProblems++
	if l.nProblems <= maxProblems {
		l.problems = append(l.problems, l.where(field)+": "+msg)
	}
}

// structured checks that v can hold an object or array where one belongs and
// notices PowerShell's depth truncation.
func (l *loader) structured(v jsonscan.Value, field string) bool {
	switch {
	case v.IsObject() || v.IsArray():
		return true
	case v.Kind() == jsonscan.String && looksTruncated(v.Str()):
		if l.truncated == "" {
			l.truncated = l.where(field) + ` is "` + shortRaw(v.Str()) + `"`
		}
	case !v.IsNull():
		l.bad(field, "expected an object, found "+shortRaw(v.Raw()))
	}
	return false
}

func (l *loader) nextLink(key string) {
	if l.nextLinks == nil {
		l.nextLinks = map[string]int{}
	}
	l.nextLinks[key]++
}

// strings reads an array of strings (modalities).
func (l *loader) strings(v jsonscan.Value, field string) []string {
	if !l.structured(v, field) {
		if v.Kind() == jsonscan.String && !looksTruncated(v.Str()) {
			return strings.Fields(v.Str()) // PowerShell may join an array into one string
		}
		return nil
	}
	var out []string
	values(v, func(e jsonscan.Value) bool {
		if s := e.Text(); s != "" {
			l.charge(e, costString)
			out = append(out, s)
		}
		return true
	})
	return out
}

// nonEmpty tells an array with elements, or an object in an array's place.
func nonEmpty(v jsonscan.Value) bool {
	if v.IsObject() {
		return true
	}
	_, ok := v.First()
	return ok
}

// eachElement walks an array, or a single object where PowerShell unwrapped
// a one-element array.
func (l *loader) eachElement(v jsonscan.Value, field string, fn func(i int, e jsonscan.Value)) {
	if v.IsObject() {
		fn(-1, v) // no array: a path to it has no index
		return
	}
	i := 0
	v.Elements(func(e jsonscan.Value) bool {
		l.push(field, i)
		if l.structured(e, "") {
			fn(i, e)
		}
		l.pop()
		i++
		return true
	})
}

// values calls fn for every element of an array, or for the value of every
// member of an object, until fn returns false.
func values(v jsonscan.Value, fn func(e jsonscan.Value) bool) {
	if v.IsObject() {
		v.Members(func(_ string, m jsonscan.Value) bool { return fn(m) })
		return
	}
	v.Elements(fn)
}

// merge takes in what a worker's loader noticed, in order.
func (l *loader) merge(o *loader) {
	for _, p := range o.problems {
		if len(l.problems) < maxProblems {
			l.problems = append(l.problems, p)
		}
	}
	l.nProblems += o.nProblems
	if l.truncated == "" {
		l.truncated = o.truncated
	}
	l.sessionsRead += o.sessionsRead
	l.noSegments += o.noSegments
	if o.over && !l.over {
		l.over, l.overAt = true, o.overAt
	}
	for k, n := range o.nextLinks {
		l.nextLink(k)
		l.nextLinks[k] += n - 1
	}
}
