import type { Metadata } from "next";
import Link from "next/link";
import { ReviewScreen } from "@/components/review/review-screen";
import { ReviewSettingsForm } from "@/components/review/review-settings-form";
import { Card } from "@/components/ui/card";
import { formatCount, formatDollars, formatPercent } from "@/components/ui/format";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td } from "@/components/ui/table";
import { canManageEvaluators, canReview } from "@/lib/auth/permissions";
import { requireTeam } from "@/lib/auth/session";
import { getAgreement, getReviewCost } from "@/lib/review/data";
import { holdItems } from "@/lib/review/queue";
import { toReviewView } from "@/lib/review/view";
import { getReviewSettings } from "@/lib/teams/data";

export const metadata: Metadata = { title: "Review" };

export default async function ReviewPage({ params }: { params: Promise<{ team: string }> }) {
  const { team: slug } = await params;
  const { team, role, user } = await requireTeam(slug);
  const reviewer = canReview(role);
  const [settings, cost, agreement, items] = await Promise.all([
    getReviewSettings(team.id),
    getReviewCost(team.id),
    getAgreement(team.id),
    reviewer ? holdItems(team.id, user.id) : Promise.resolve([]),
  ]);
  return (
    <>
      <PageHeader title="Review" description="Label calls by hand: a daily sample per task type and model (shadow calls included) and the calls evaluators failed. A review outranks an evaluator; the app's own label outranks both." />
      <div className="space-y-6">
        <Card title="Queue">
          {!settings.captureContent ? (
            <p className="text-sm text-gray-600">Reviews need the calls&apos; content: turn on content capture in <Link className="underline" href={`/${slug}/settings`}>Settings → General</Link>; calls logged after that are sampled here.</p>
          ) : !reviewer ? (
            <p className="text-sm text-gray-600">Viewers see review results but do not review.</p>
          ) : items.length === 0 ? (
            <p className="text-sm text-gray-600">Nothing to review right now: today&apos;s sample is done and no evaluator failure is waiting. New calls are sampled as they arrive.</p>
          ) : (
            <ReviewScreen slug={slug} items={items.map(toReviewView)} />
          )}
        </Card>
        <Card title="What review costs" description="Measured: the time each verdict took (the item held open, at most 10 minutes), over the last 30 days.">
          <dl className="mb-4 grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
            <div><dt className="text-gray-600">Reviews</dt><dd className="text-lg font-semibold">{formatCount(cost.reviews)}</dd></div>
            <div><dt className="text-gray-600">Median time</dt><dd className="text-lg font-semibold">{cost.medianSeconds === null ? "—" : `${Math.round(cost.medianSeconds)} s`}</dd></div>
            <div><dt className="text-gray-600">Cost of a review</dt><dd className="text-lg font-semibold">{cost.costPerReviewUsd === null ? "—" : formatDollars(cost.costPerReviewUsd)}</dd></div>
            <div><dt className="text-gray-600">A failure that needs one</dt><dd className="text-lg font-semibold">{cost.costPerReviewUsd === null ? "—" : formatDollars(cost.costPerReviewUsd)}</dd></div>
          </dl>
          <p className="mb-3 text-xs text-gray-500">
            {cost.costPerReviewUsd === null ? "Set the reviewer cost below and review a few calls to measure it." : "Simulate uses this as its review cost per failure unless you enter another."}
          </p>
          <ReviewSettingsForm slug={slug} perDay={settings.reviewPerDay} failures={settings.reviewEvaluatorFailures} hourly={settings.reviewerHourlyUsd} canEdit={canManageEvaluators(role)} />
        </Card>
        <Card title="Evaluators vs reviewers" description="Where a reviewer and an evaluator (its current version) judged the same calls: how often they agree, and Cohen's kappa (agreement beyond chance; above ~0.6 an evaluator can stand in for people).">
          {agreement.length === 0 ? (
            <p className="text-sm text-gray-600">No call has both a review and an evaluator&apos;s verdict yet.</p>
          ) : (
            <Table caption="Agreement between evaluators and reviewers" head={["Evaluator", "Task type", "Calls", "Agreement", "Kappa"]}>
              {agreement.map((a) => (
                <tr key={`${a.evaluatorId}|${a.taskType}`}>
                  <Td className="whitespace-normal font-medium">{a.name}</Td>
                  <Td>{a.taskType}</Td>
                  <Td className="tabular-nums">{formatCount(a.n)}</Td>
                  <Td className="tabular-nums">{formatPercent(a.agreement)}</Td>
                  <Td className="tabular-nums">{a.kappa === null ? "—" : a.kappa.toFixed(2)}</Td>
                </tr>
              ))}
            </Table>
          )}
        </Card>
      </div>
    </>
  );
}
