package data

// Severity orders findings: problems first.
type Severity uint8

const (
	Info Severity = iota
	Warning
	Problem
)

func (s Severity) String() string {
	switch s {
	case Problem:
		return "problem"
	case Warning:
		return "warning"
	}
	return "info"
}

// Finding is one plain-language fact about a call: who, what, how much.
type Finding struct {
	Session  string // session id; "" for the call as a whole
	Who      string
	Text     string
	Severity Severity
	Failure  bool // a failureInfo: marked as a failure rather than a problem
	// Metric is the Graph field the finding is about
	// ("wifiSignalStrength"); "" for a failure and for feedback.
	Metric string
	// At is where in its record it lies: the session, and the segment,
	// media or stream it concerns (-1 below its level: a feedback is the
	// session's, a device's finding its media's). At.Rec is 0: a record
	// does not know its position in its file.
	At Place
}

// Within tells whether p lies at q or below it, both in one record
// (Rec is not compared).
func (p Place) Within(q Place) bool {
	return p.Se == q.Se && (q.Sg < 0 || p.Sg == q.Sg && (q.Md < 0 ||
		p.Md == q.Md && (q.St < 0 || p.St == q.St)))
}

// String is the finding as people read it: "Alice Okafor: Wi-Fi signal 38 % on 2.4 GHz".
func (f Finding) String() string {
	if f.Who == "" {
		return f.Text
	}
	return f.Who + ": " + f.Text
}

// Place names a node by its positions in the model's slices (not in the
// source arrays): Se, Sg, Md, St are -1 below the node's level.
type Place struct {
	Rec, Se, Sg, Md, St int
}
