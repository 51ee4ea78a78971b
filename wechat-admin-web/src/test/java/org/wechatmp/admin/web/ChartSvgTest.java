package org.wechatmp.admin.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChartSvgTest {
    private static final LocalDate D1 = LocalDate.of(2026, 3, 1);
    private static final LocalDate D2 = D1.plusDays(1);

    @Test
    void theScaleIsRoundAndCoversTheLargestValue() {
        assertThat(ChartSvg.niceMax(0)).isZero();
        assertThat(ChartSvg.niceMax(3)).isEqualTo(4);
        assertThat(ChartSvg.niceMax(5)).isEqualTo(8);
        assertThat(ChartSvg.niceMax(37)).isEqualTo(40);
        assertThat(ChartSvg.niceMax(135_000)).isEqualTo(200_000);
    }

    @Test
    void stackedBarsOfADayAddUpAndEveryBarHasItsFigureAsTitle() {
        Chart c = ChartSvg.daily("c", "Messages", "Day", List.of(D1, D2), List.of(
                new ChartSvg.Series("Text", Map.of(D1, 30L, D2, 10L)),
                new ChartSvg.Series("Event", Map.of(D1, 10L))), true);
        assertThat(c.bars()).hasSize(3);
        assertThat(c.bars()).extracting(Chart.Bar::title).containsExactly("2026-03-01 · Text: 30",
                "2026-03-01 · Event: 10", "2026-03-02 · Text: 10");
        Chart.Bar text = c.bars().get(0);
        Chart.Bar event = c.bars().get(1);
        // the event bar sits on the text bar; the day's total (40) is the top of the scale
        assertThat(event.y() + event.h()).isBetween(text.y() - 1, text.y() + 1);
        assertThat(event.y()).isEqualTo(12);
        assertThat(c.legend()).extracting(Chart.Legend::label).containsExactly("Text", "Event");
        assertThat(c.rows()).containsExactly(List.of("2026-03-01", "30", "10"), List.of("2026-03-02", "10", "0"));
    }

    @Test
    void groupedBarsShareTheDaySlotAndAnEmptyChartSaysSo() {
        Chart c = ChartSvg.daily("c", "Followers", "Day", List.of(D1), List.of(
                new ChartSvg.Series("Gained", Map.of(D1, 4L)), new ChartSvg.Series("Lost", Map.of(D1, 2L))), false);
        assertThat(c.bars().get(1).x()).isGreaterThan(c.bars().get(0).x());
        assertThat(c.bars().get(1).h() * 2).isBetween(c.bars().get(0).h() - 1, c.bars().get(0).h() + 1);
        assertThat(ChartSvg.daily("e", "None", "Day", List.of(D1), List.of(), false).empty()).isTrue();
    }

    @Test
    void aRankingIsLargestFirstWithLongLabelsCut() {
        Chart c = ChartSvg.ranking("r", "Top", "Keyword", "Count", List.of(new StatsQueries.Count("价格".repeat(20), 9),
                new StatsQueries.Count("", 3)));
        assertThat(c.bars().get(0).w()).isGreaterThan(c.bars().get(1).w() * 2);
        assertThat(c.texts().get(0).text()).hasSize(24);
        assertThat(c.rows().get(1)).containsExactly("—", "3");
    }
}
