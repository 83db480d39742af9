// The two demo stores of the mock and what they sell: a Mexican bakery in MXN and a Chilean
// empanada shop in CLP, with realistic names, phones, warehouses and tags.
import type { Store } from '../bindings/Store';
import { DEFAULT_LABELS_ES } from '../lib/labels';

export const STORE_MXN: Store = {
  id: 'store_1',
  name: 'Panadería La Espiga',
  currency: 'MXN',
  timezone: 'America/Mexico_City',
  locale: 'es-MX',
  cancel_window_days: 15,
  attention: { reminders_after_s: [300, 600], warn_after_s: 900, auto_cancel_after_s: 1200 },
  status_labels: { ...DEFAULT_LABELS_ES },
  refund_fee: { percent_bps: 290, fixed: 300 },
  features: ['payments', 'notes', 'acknowledgements'],
};

export const STORE_CLP: Store = {
  id: 'store_2',
  name: 'Empanadas Doña Rosa',
  currency: 'CLP',
  timezone: 'America/Santiago',
  locale: 'es-CL',
  cancel_window_days: 15,
  attention: { reminders_after_s: [300, 600], warn_after_s: 900, auto_cancel_after_s: 1200 },
  status_labels: {
    pending: 'Por confirmar',
    preparing: 'Confirmado',
    ready: 'Listo para despacho',
    shipped: 'Despachado',
    delivered: 'Entregado',
    cancelled: 'Anulado',
  },
  refund_fee: { percent_bps: 295, fixed: 150 },
  features: ['payments', 'notes', 'acknowledgements'],
};

export interface Product {
  sku: string;
  name: string;
  price: number;
}

export interface Catalog {
  products: Product[];
  warehouses: string[];
  phonePrefix: string;
  /** A typical order is this many minor units; used to scale quantities. */
  unitScale: number;
}

export const CATALOG_MXN: Catalog = {
  products: [
    { sku: 'PAN-001', name: 'Concha', price: 1500 },
    { sku: 'PAN-002', name: 'Cuerno', price: 1800 },
    { sku: 'PAN-003', name: 'Bolillo', price: 300 },
    { sku: 'PAN-004', name: 'Telera', price: 350 },
    { sku: 'PAN-005', name: 'Oreja', price: 2000 },
    { sku: 'PAN-006', name: 'Dona de chocolate', price: 2200 },
    { sku: 'PAS-010', name: 'Pastel de tres leches', price: 38000 },
    { sku: 'PAS-011', name: 'Rosca de Reyes', price: 45000 },
    { sku: 'PAN-007', name: 'Pan de muerto', price: 9500 },
    { sku: 'PAN-008', name: 'Empanada de piña', price: 1600 },
    { sku: 'GAL-001', name: 'Galletas de nuez (bolsa)', price: 6500 },
    { sku: 'BEB-001', name: 'Café de olla', price: 3500 },
    { sku: 'BEB-002', name: 'Chocolate caliente', price: 4000 },
    { sku: 'PAN-009', name: 'Garibaldi', price: 1700 },
    { sku: 'PAN-010', name: 'Polvorón', price: 900 },
  ],
  warehouses: ['Bodega Centro', 'Sucursal Coyoacán', 'Sucursal Roma'],
  phonePrefix: '+52 55',
  unitScale: 1,
};

export const CATALOG_CLP: Catalog = {
  products: [
    { sku: 'EMP-001', name: 'Empanada de pino', price: 2500 },
    { sku: 'EMP-002', name: 'Empanada de queso', price: 2200 },
    { sku: 'EMP-003', name: 'Empanada napolitana', price: 2600 },
    { sku: 'PLA-001', name: 'Pastel de choclo', price: 8900 },
    { sku: 'PAN-001', name: 'Sopaipillas (6)', price: 3000 },
    { sku: 'PAN-002', name: 'Pan amasado (kg)', price: 2800 },
    { sku: 'PAS-001', name: 'Kuchen de murta', price: 12000 },
    { sku: 'PAN-003', name: 'Marraqueta (kg)', price: 2400 },
    { sku: 'BEB-001', name: 'Mote con huesillo', price: 2000 },
    { sku: 'DUL-001', name: 'Alfajor', price: 1200 },
    { sku: 'PAS-002', name: 'Torta tres leches', price: 18000 },
  ],
  warehouses: ['Local Providencia', 'Bodega Maipú'],
  phonePrefix: '+56 9',
  unitScale: 1,
};

export const FIRST_NAMES = [
  'Alejandro',
  'Beatriz',
  'Camila',
  'Daniel',
  'Elena',
  'Fernando',
  'Gabriela',
  'Héctor',
  'Isabel',
  'Javier',
  'Karla',
  'Leonardo',
  'Mariana',
  'Natalia',
  'Óscar',
  'Paola',
  'Ramón',
  'Silvia',
  'Tomás',
  'Úrsula',
  'Verónica',
  'Ximena',
  'Yolanda',
  'Zoe',
  'Andrés',
  'Bruno',
  'Catalina',
  'Diego',
  'Esteban',
  'Florencia',
  'Gonzalo',
  'Ignacio',
  'Josefa',
  'Martín',
];

export const LAST_NAMES = [
  'García',
  'Martínez',
  'López',
  'González',
  'Sánchez',
  'Flores',
  'Morales',
  'Jiménez',
  'Reyes',
  'Cruz',
  'Ortiz',
  'Vargas',
  'Castro',
  'Núñez',
  'Rojas',
  'Muñoz',
  'Soto',
  'Contreras',
  'Silva',
  'Araya',
  'Espinoza',
  'Valenzuela',
  'Medina',
  'Aguilar',
  'Domínguez',
  'Vega',
];

export const TAGS = ['web', 'whatsapp', 'mostrador', 'promo-buen-fin', 'mayoreo', 'cliente-frecuente', 'evento'];

export const REASONS = ['Sin stock', 'Cliente lo pidió', 'No se puede entregar', 'Pedido duplicado'];
