package io.dinplatform.api.benchmark.ablation;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import static io.dinplatform.api.benchmark.ablation.AblationTableTest.run;
import static org.assertj.core.api.Assertions.assertThat;

class AblationChartTest {

    @Test
    void drawsOnePanelPerDatasetWithABarPerConfigurationAndThePapersMarkersOnMovieLensOnly() throws Exception {
        AblationTable movieLens = new AblationTable(AblationDataset.MOVIELENS, List.of(
                run(AblationConfiguration.BASE, 1, 0.70), run(AblationConfiguration.BASE, 2, 0.71),
                run(AblationConfiguration.DIN, 1, 0.72), run(AblationConfiguration.DIN_DICE, 1, 0.73)));
        AblationTable synthetic = new AblationTable(AblationDataset.SYNTHETIC, List.of(
                run(AblationConfiguration.BASE, 1, 0.80), run(AblationConfiguration.DIN_MBA_DICE, 1, 0.85)));

        Document svg = parse(AblationChart.svg(List.of(movieLens, synthetic)));

        NodeList panels = svg.getElementsByTagName("g");
        assertThat(panels.getLength()).isEqualTo(2);
        assertThat(count((Element) panels.item(0), "bar")).isEqualTo(3);
        assertThat(count((Element) panels.item(0), "error")).isEqualTo(3);
        assertThat(count((Element) panels.item(0), "paper")).isEqualTo(3);
        assertThat(count((Element) panels.item(1), "bar")).isEqualTo(2);
        assertThat(count((Element) panels.item(1), "paper")).isZero();
    }

    @Test
    void aHigherMeanDrawsATallerBar() throws Exception {
        AblationTable table = new AblationTable(AblationDataset.SYNTHETIC, List.of(
                run(AblationConfiguration.BASE, 1, 0.80), run(AblationConfiguration.DIN, 1, 0.85)));

        NodeList bars = parse(AblationChart.svg(List.of(table))).getElementsByTagName("rect");

        // the first rect is the background
        double base = Double.parseDouble(((Element) bars.item(1)).getAttribute("height"));
        double din = Double.parseDouble(((Element) bars.item(2)).getAttribute("height"));
        assertThat(din).isGreaterThan(base).isPositive();
        assertThat(base).isPositive();
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static int count(Element panel, String cssClass) {
        int count = 0;
        NodeList children = panel.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element e && cssClass.equals(e.getAttribute("class"))) {
                count++;
            }
        }
        return count;
    }
}
