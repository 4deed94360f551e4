package org.ogi.stack.demo;

import java.time.LocalDate;
import java.util.List;

/**
 * The four seed cities and their county-level divisions, copied from the region table (V2__regions.sql)
 * so that the demo needs no database: the local stack loads the demo before anyone could query it.
 * Includes the retired codes (430221 株洲县, 341822 广德县) and their successors with their dates.
 */
public final class DemoRegions {

    /** A division as the demo needs it; dates as in the region table (null = open). */
    public record Division(String code, String name, LocalDate validFrom, LocalDate validTo) {
    }

    /** A seed prefecture-level city with its province and counties. */
    public record City(Division province, Division city, List<Division> counties) {
    }

    public static final LocalDate ZHUZHOU_COUNTY_RETIRED = LocalDate.of(2018, 6, 30);
    public static final LocalDate GUANGDE_COUNTY_RETIRED = LocalDate.of(2019, 8, 31);

    public static final List<City> CITIES = List.of(
            new City(d("420000", "湖北省"), d("421300", "随州市"), List.of(
                    d("421303", "曾都区"), d("421321", "随县"), d("421381", "广水市"))),
            new City(d("340000", "安徽省"), d("341800", "宣城市"), List.of(
                    d("341802", "宣州区"), d("341821", "郎溪县"),
                    new Division("341822", "广德县", null, GUANGDE_COUNTY_RETIRED),
                    new Division("341882", "广德市", GUANGDE_COUNTY_RETIRED.plusDays(1), null),
                    d("341823", "泾县"), d("341824", "绩溪县"), d("341825", "旌德县"), d("341881", "宁国市"))),
            new City(d("210000", "辽宁省"), d("210100", "沈阳市"), List.of(
                    d("210102", "和平区"), d("210103", "沈河区"), d("210104", "大东区"), d("210105", "皇姑区"),
                    d("210106", "铁西区"), d("210111", "苏家屯区"), d("210112", "浑南区"), d("210113", "沈北新区"),
                    d("210114", "于洪区"), d("210115", "辽中区"), d("210123", "康平县"), d("210124", "法库县"),
                    d("210181", "新民市"))),
            new City(d("430000", "湖南省"), d("430200", "株洲市"), List.of(
                    d("430202", "荷塘区"), d("430203", "芦淞区"), d("430204", "石峰区"), d("430211", "天元区"),
                    new Division("430212", "渌口区", ZHUZHOU_COUNTY_RETIRED.plusDays(1), null),
                    new Division("430221", "株洲县", null, ZHUZHOU_COUNTY_RETIRED),
                    d("430223", "攸县"), d("430224", "茶陵县"), d("430225", "炎陵县"), d("430281", "醴陵市"))));

    private DemoRegions() {
    }

    private static Division d(String code, String name) {
        return new Division(code, name, null, null);
    }
}
