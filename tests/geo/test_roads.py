"""The main-road graph: loaded from the shipped CSVs, solved once, bad files named."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import numpy as np
import pytest

from geo import default_gazetteer, load_road_network
from geo.gazetteer import DATA_DIR
from models import InputError

NODES = "node,lat,lon\nA,51.70,0.40\nB,51.80,0.60\nC,51.90,0.90\n"


def a_data_dir(tmp_path: Path, roads: str, nodes: str = NODES) -> Path:
    (tmp_path / "essex_road_nodes.csv").write_text(nodes)
    (tmp_path / "essex_roads.csv").write_text("from_town,to_town,road,km,typical_kmh\n" + roads)
    return tmp_path


def test_the_shipped_graph_joins_all_its_nodes_into_one_network() -> None:
    roads = default_gazetteer().roads
    assert roads.size == 95
    assert roads.graph.number_of_edges() == 130
    assert nx.is_connected(roads.graph)
    assert np.isfinite(roads.minutes).all()


def test_an_edge_takes_its_km_at_its_typical_speed() -> None:
    roads = default_gazetteer().roads
    edge = roads.graph["Ingatestone"]["Chelmsford"]  # A12, 10.5 km at 85 km/h
    assert edge["km"] == 10.5
    assert edge["minutes"] == pytest.approx(10.5 / 85 * 60)


def test_node_to_node_times_are_symmetric_and_zero_on_the_diagonal() -> None:
    roads = default_gazetteer().roads
    np.testing.assert_allclose(roads.minutes, roads.minutes.T)
    assert (np.diag(roads.minutes) == 0).all()
    assert (np.diag(roads.km) == 0).all()


def test_the_quickest_route_may_be_longer_than_a_slower_direct_road(tmp_path: Path) -> None:
    roads = load_road_network(
        a_data_dir(tmp_path, "A,C,lane,30,30\nA,B,A-road,20,90\nB,C,A-road,20,90\n")
    )
    a, c = roads.index("A"), roads.index("C")
    assert roads.minutes[a, c] == pytest.approx(40 / 90 * 60)
    assert roads.km[a, c] == pytest.approx(40)


def test_a_node_without_roads_is_unreachable(tmp_path: Path) -> None:
    roads = load_road_network(a_data_dir(tmp_path, "A,B,A-road,20,90\n"))
    assert np.isinf(roads.minutes[roads.index("A"), roads.index("C")])


def test_the_network_is_read_only() -> None:
    roads = default_gazetteer().roads
    with pytest.raises(ValueError, match="read-only"):
        roads.minutes[0, 1] = 0.0
    with pytest.raises(nx.NetworkXError):
        roads.graph.add_edge("Chelmsford", "Norwich")


def test_a_road_to_an_unknown_node_is_named_by_row_and_column(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_road_network(a_data_dir(tmp_path, "A,B,A-road,20,90\nA,Z,lane,5,30\n"))
    assert caught.value.source == "essex_roads.csv"
    assert [e.pointer for e in caught.value.errors] == ["/rows/1/to_town"]


def test_a_road_without_a_positive_speed_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="above zero"):
        load_road_network(a_data_dir(tmp_path, "A,B,A-road,20,0\n"))


def test_a_node_without_coordinates_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_road_network(a_data_dir(tmp_path, "", nodes="node,lat,lon\nA,north,0.4\n"))
    assert caught.value.errors[0].pointer == "/rows/0"


def test_the_shipped_network_is_loaded_once_per_folder() -> None:
    assert load_road_network(DATA_DIR) is load_road_network(DATA_DIR)


def test_of_two_roads_between_the_same_nodes_the_faster_is_kept(tmp_path: Path) -> None:
    roads = load_road_network(a_data_dir(tmp_path, "A,B,lane,20,30\nB,A,bypass,22,90\nA,B,x,9,9\n"))
    assert roads.graph["A"]["B"]["road"] == "bypass"
    assert roads.minutes[roads.index("A"), roads.index("B")] == pytest.approx(22 / 90 * 60)


def test_a_road_with_a_distance_that_is_not_a_number_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="must be numbers"):
        load_road_network(a_data_dir(tmp_path, "A,B,A-road,far,90\n"))


def test_asking_for_a_node_the_graph_lacks_is_a_key_error() -> None:
    with pytest.raises(KeyError, match="Atlantis"):
        default_gazetteer().roads.index("Atlantis")
