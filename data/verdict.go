package data

// Verdict is a stream's Call Quality Dashboard classification. The order is
// the roll-up order: a session is poor if any stream is, else good if any
// stream is, else unclassified.
type Verdict uint8

const (
	Unclassified Verdict = iota
	Good
	Poor
)

func (v Verdict) String() string {
	switch v {
	case Good:
		return "good"
	case Poor:
		return "poor"
	}
	return "unclassified"
}

// MediaKind is what a stream carries; it picks the rule that judges it.
type MediaKind uint8

const (
	KindUnknown MediaKind = iota
	KindAudio
	KindVideo
	KindVBSS       // video-based screen sharing
	KindAppSharing // RDP-based application sharing
	KindData
)

func (k MediaKind) String() string {
	switch k {
	case KindAudio:
		return "audio"
	case KindVideo:
		return "video"
	case KindVBSS:
		return "screen sharing"
	case KindAppSharing:
		return "app sharing"
	case KindData:
		return "data"
	}
	return "unknown"
}

// Reason is one fact behind a verdict: a metric, its value, and the limit it
// was compared with, e.g. "packet loss 15.2 % > 10 %". It is kept as data and
// worded only when shown: a big meeting has tens of thousands of streams.
type Reason struct {
	Metric string // Graph field name, "" for a reason that is no comparison
	Value  float64
	Rule   Rule   // the limit the value was compared with; nil for a reason that is no comparison
	Says   string // a reason that is no comparison, in words
}

// Rule is a limit a value is judged by (package quality has them): it words
// a comparison with itself.
type Rule interface{ Words(v float64) string }

// Text words the reason.
func (r Reason) Text() string {
	if r.Rule == nil {
		return r.Says
	}
	return r.Rule.Words(r.Value)
}

// Judgement is a stream's verdict with everything that led to it.
type Judgement struct {
	Verdict Verdict
	Reasons []Reason // for poor: every limit crossed; otherwise why it is good or unclassified
	Notes   []Reason // legacy signals worth a look, not part of the verdict
}

// Rollup counts what lies below a node: stream verdicts, failures and
// problem findings. State says it at a glance; every mark of a row comes
// from it.
type Rollup struct {
	Good, Poor, Unclassified int
	// Failures counts failureInfo. A segment's failure that repeats its
	// session's counts on the segment (its row shows it) but not again in
	// the session: one failure is one problem.
	Failures int
	// ProblemFindings counts problem-severity findings that are neither a
	// poor stream nor a failure (those are counted above): a microphone or
	// speaker not working, the network causing poor audio, poor feedback.
	// Each node counts its own, before SessionFindings drops repeats.
	ProblemFindings int
}

// State is a node at a glance; its order is the roll-up's precedence.
type State uint8

const (
	StateUnclassified State = iota // nothing to judge
	StateGood
	StateProblem // a poor stream or a problem finding
	StateFailed  // a failureInfo
)

func (s State) String() string {
	switch s {
	case StateGood:
		return "good"
	case StateProblem:
		return "problem"
	case StateFailed:
		return "failed"
	}
	return "unclassified"
}

// State is the one rule for a node's mark: failed if anything below
// failed, else a problem if a stream is poor or a finding is a problem,
// else good if a stream is good, else unclassified. Warnings do not count.
func (r Rollup) State() State {
	switch {
	case r.Failures > 0:
		return StateFailed
	case r.Poor > 0 || r.ProblemFindings > 0:
		return StateProblem
	case r.Good > 0:
		return StateGood
	}
	return StateUnclassified
}

// Streams is the number of streams counted.
func (r Rollup) Streams() int { return r.Good + r.Poor + r.Unclassified }

// Worst is the streams' verdict: poor if any stream is poor, else good if
// any is good, else unclassified. State is the node's, findings and
// failures included.
func (r Rollup) Worst() Verdict {
	switch {
	case r.Poor > 0:
		return Poor
	case r.Good > 0:
		return Good
	}
	return Unclassified
}

// Problems counts what a support engineer should look at: poor streams,
// failures and problem findings.
func (r Rollup) Problems() int { return r.Poor + r.Failures + r.ProblemFindings }

// Add counts o in r.
func (r *Rollup) Add(o Rollup) {
	r.Good += o.Good
	r.Poor += o.Poor
	r.Unclassified += o.Unclassified
	r.Failures += o.Failures
	r.ProblemFindings += o.ProblemFindings
}

// AddVerdict counts one stream of verdict v.
func (r *Rollup) AddVerdict(v Verdict) {
	switch v {
	case Good:
		r.Good++
	case Poor:
		r.Poor++
	default:
		r.Unclassified++
	}
}
