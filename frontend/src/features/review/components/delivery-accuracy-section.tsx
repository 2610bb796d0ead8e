import { List, Stack, Table, Text, Title } from '@mantine/core';
import type { AfterActionReport } from '../api/report-types';
import { DELIVERY_ACCURACY_NOTE, deliveryAccuracyRows } from '../api/report-types';

/** How close to their instants the injects reached the teams (staff edition; absent from player editions). */
export function DeliveryAccuracySection({ report }: { report: AfterActionReport }) {
  const a = report.deliveryAccuracy;
  if (!a) return null;
  const rows = deliveryAccuracyRows(a);
  return (
    <Stack gap={6} data-testid="report-delivery-accuracy">
      <Title order={2} fz="h4">
        Delivery accuracy
      </Title>
      <Text size="xs" c="dimmed">
        {DELIVERY_ACCURACY_NOTE}
      </Text>
      <Table aria-label="Delivery accuracy" maw={720} withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Measure</Table.Th>
            <Table.Th ta="right">Median (p50)</Table.Th>
            <Table.Th ta="right">p99</Table.Th>
            <Table.Th ta="right">Worst</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.table.map(([label, ...cells]) => (
            <Table.Tr key={label}>
              <Table.Td>{label}</Table.Td>
              {cells.map((c, i) => (
                <Table.Td key={i} ta="right" ff="monospace">
                  {c}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <List size="sm" spacing={0}>
        {rows.counts.map((c) => (
          <List.Item key={c}>{c}</List.Item>
        ))}
      </List>
    </Stack>
  );
}
