package definition

import (
	"fmt"
	"strings"
	"time"

	"github.com/paperhq/paper/report/diag"
	"github.com/paperhq/paper/report/yamlx"
)

// Decision is what the decision maker decided on the paper, from which
// `paper decision` writes the decision notice the council publishes
// after the meeting. The paper itself never prints it.
type Decision struct {
	// Maker is who took the decision ("Cabinet", "Cabinet Member for
	// Resources"); default the paper's committee.
	Maker string `yaml:"maker"`
	// Meeting is the date of the decision; default the paper's meeting
	// date.
	Meeting time.Time `yaml:"meeting"`
	// Status is one of DecisionStatuses.
	Status string `yaml:"status,required"`
	// Resolutions are what was decided, numbered; default the
	// recommendations when the status approves or notes them.
	Resolutions []Text `yaml:"resolutions"`
	// Reasons for the decision; default the recommendations' reasons.
	Reasons Text `yaml:"reasons"`
	// Alternatives considered and rejected; default the paper's.
	Alternatives Text `yaml:"alternatives"`
	// Conflicts of interest declared, and Dispensations granted, one
	// entry each; "None" is printed when there are none.
	Conflicts     []Text `yaml:"conflicts"`
	Dispensations []Text `yaml:"dispensations"`
	// CallIn says whether the decision is subject to call-in (default
	// true); CallInDays is the call-in period in clear working days
	// after publication (default DefaultCallInDays).
	CallIn     *bool `yaml:"call_in"`
	CallInDays int   `yaml:"call_in_days"`
	// Published is the date the notice is published, from which the
	// call-in period runs.
	Published time.Time `yaml:"published,required"`
	// Urgency is why a decision not subject to call-in had to take effect
	// at once: required then, and only then.
	Urgency Text `yaml:"urgency"`

	// CallInEnds is the last day of the call-in period (zero for a
	// decision not subject to call-in) and Effective the day the decision
	// takes effect; Check computes both.
	CallInEnds time.Time `yaml:"-"`
	Effective  time.Time `yaml:"-"`
}

// DefaultCallInDays is the call-in period, in clear working days after
// publication, when a decision block gives none. Councils set their own
// in their constitutions, so call_in_days overrides it.
const DefaultCallInDays = 5

// MaxCallInDays bounds call_in_days: constitutions give a few working
// days, never a month and a half.
const MaxCallInDays = 30

// DecisionStatuses are the statuses a decision notice can give. The first
// two take the recommendations as the resolutions when none are given;
// the others differ from the recommendations, so they need resolutions of
// their own.
var DecisionStatuses = []string{
	"Recommendations approved",
	"Noted",
	"Recommendations approved with amendments",
	"Recommendations not approved",
	"Deferred",
}

// SubjectToCallIn reports whether the decision can be called in before
// it takes effect: call_in, true when not given.
func (d *Decision) SubjectToCallIn() bool { return d.CallIn == nil || *d.CallIn }

// DefaultsToRecommendations reports whether the decision's status takes
// the recommendations, unchanged, as what was decided.
func (d *Decision) DefaultsToRecommendations() bool {
	return d.Status == DecisionStatuses[0] || d.Status == DecisionStatuses[1]
}

// DecisionStatus finds status among DecisionStatuses, ignoring case and
// spacing, and returns it as the list spells it.
func DecisionStatus(status string) (string, bool) {
	key := strings.ToLower(strings.Join(strings.Fields(status), " "))
	for _, s := range DecisionStatuses {
		if strings.ToLower(s) == key {
			return s, true
		}
	}
	return status, false
}

// CallInPeriod returns the last day of a call-in period of n clear
// working days after published (days after the day of publication that
// are neither weekends nor holidays in cal), and the day a decision
// subject to it takes effect: the first working day after the period.
// A nil cal counts weekends only.
func CallInPeriod(published time.Time, n int, cal Calendar) (last, effective time.Time) {
	d := published
	for i := 0; i < n; i++ {
		d = nextWorkingDay(d, cal)
	}
	return d, nextWorkingDay(d, cal)
}

// nextWorkingDay is the first working day after d.
func nextWorkingDay(d time.Time, cal Calendar) time.Time {
	for {
		d = d.AddDate(0, 0, 1)
		if working(d, cal) {
			return d
		}
	}
}

// working reports whether d is a working day: by cal, or, with no
// calendar, Monday to Friday.
func working(d time.Time, cal Calendar) bool {
	if cal != nil {
		return cal.IsWorkingDay(d)
	}
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// checkDecision applies the rules of the decision block, fills in its
// defaults and works out when the decision takes effect.
func (r *Report) checkDecision(l *diag.List, cal Calendar) {
	d := r.Decision
	if d == nil {
		return
	}
	if strings.TrimSpace(d.Maker) == "" {
		d.Maker = r.Committee
	}
	if d.Meeting.IsZero() {
		d.Meeting = r.MeetingDate
	} else if !r.MeetingDate.IsZero() && d.Meeting.Before(r.MeetingDate) {
		r.errorf(l, "decision.meeting", "%s is before the meeting the paper is for, on %s", longDay(d.Meeting), longDay(r.MeetingDate))
	}
	if d.Status != "" {
		if s, ok := DecisionStatus(d.Status); ok {
			d.Status = s
		} else {
			msg := fmt.Sprintf("%s is not a decision status", diag.Quote(d.Status))
			if s := yamlx.Suggest(d.Status, DecisionStatuses); s != "" {
				msg += "; did you mean " + s + "?"
			}
			r.errorf(l, "decision.status", "%s (statuses: %s)", msg, strings.Join(DecisionStatuses, ", "))
			d.Status = ""
		}
	}
	r.checkDecisionTexts(l, d)
	if !d.Published.IsZero() && !d.Meeting.IsZero() && d.Published.Before(d.Meeting) {
		r.errorf(l, "decision.published", "%s is before the decision was taken, on %s: a decision is published after it is made", longDay(d.Published), longDay(d.Meeting))
	}
	_, daysGiven := r.Pos["decision.call_in_days"]
	urgent := strings.TrimSpace(d.Urgency.S) != ""
	switch {
	case d.SubjectToCallIn() && urgent:
		r.errorf(l, "decision.urgency", "given for a decision subject to call-in; a decision that is urgent takes effect at once: set call_in: false, or remove urgency")
	case !d.SubjectToCallIn() && !urgent:
		r.errorf(l, "decision.call_in", "a decision not subject to call-in takes effect at once, so give decision.urgency: why it could not wait for the call-in period")
	}
	if !d.SubjectToCallIn() && daysGiven {
		r.errorf(l, "decision.call_in_days", "given for a decision not subject to call-in; remove it, or set call_in: true")
	}
	if !daysGiven {
		d.CallInDays = DefaultCallInDays
	} else if d.CallInDays < 1 || d.CallInDays > MaxCallInDays {
		r.errorf(l, "decision.call_in_days", "a call-in period is a number of clear working days from 1 to %d, found %d", MaxCallInDays, d.CallInDays)
		return
	}
	switch {
	case d.Published.IsZero():
	case d.SubjectToCallIn():
		d.CallInEnds, d.Effective = CallInPeriod(d.Published, d.CallInDays, cal)
	default:
		// Not subject to call-in: in effect from the decision itself,
		// which may be before the notice is published.
		d.Effective = d.Meeting
	}
}

// checkDecisionTexts checks the resolutions, reasons and alternatives
// against what the notice would otherwise take from the paper: a status
// other than approving or noting the recommendations needs its own
// resolutions, and a Part II paper's notice, which is published, may not
// quote the exempt paper at all.
func (r *Report) checkDecisionTexts(l *diag.List, d *Decision) {
	_, given := r.Pos["decision.resolutions"]
	for i, t := range d.Resolutions {
		if strings.TrimSpace(t.S) == "" {
			r.errorf(l, fmt.Sprintf("decision.resolutions[%d]", i), "resolution %d is empty", i+1)
		}
	}
	for _, list := range []struct {
		key   string
		items []Text
	}{{"conflicts", d.Conflicts}, {"dispensations", d.Dispensations}} {
		for i, t := range list.items {
			if strings.TrimSpace(t.S) == "" {
				r.errorf(l, fmt.Sprintf("decision.%s[%d]", list.key, i), "empty; leave the list empty when there are none, and the notice prints None")
			}
		}
	}
	if given && len(d.Resolutions) == 0 {
		r.errorf(l, "decision.resolutions", "at least one resolution is required; leave the key out to take the recommendations")
		return
	}
	if r.Exempt() {
		// Checked once part is normalised (checkPart runs first).
		var missing []string
		if len(d.Resolutions) == 0 {
			missing = append(missing, "resolutions")
		}
		if strings.TrimSpace(d.Reasons.S) == "" {
			missing = append(missing, "reasons")
		}
		if strings.TrimSpace(d.Alternatives.S) == "" {
			missing = append(missing, "alternatives")
		}
		if len(missing) > 0 {
			r.errorf(l, "decision", "this is a Part II paper, so its recommendations, reasons and alternatives are exempt, and the decision notice is published: give decision.%s, worded for publication", joinAnd(missing))
		}
		return
	}
	if len(d.Resolutions) == 0 && d.Status != "" && !d.DefaultsToRecommendations() {
		r.errorf(l, "decision.status", "%s differs from the recommendations, so give decision.resolutions: what was decided", diag.Quote(d.Status))
	}
	if strings.TrimSpace(d.Reasons.S) == "" && strings.TrimSpace(r.Recommendations.Reasons.S) == "" {
		r.errorf(l, "decision", "a decision notice gives the reasons for the decision, and the paper has no recommendations.reasons: give decision.reasons")
	}
}

// joinAnd joins words as a list is written: "a", "a and b", "a, b and c".
func joinAnd(words []string) string {
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}

func longDay(t time.Time) string { return t.Format("2 January 2006") }
